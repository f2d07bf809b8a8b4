import type { Status } from './lifecycle';
import { DOMAINS, FIRST_NAMES, LAST_NAMES, MIDDLE_NAMES } from './names';
import { between, pick, random, uuid } from './random';

/**
 * Deterministic demo data: the same seed gives the same requests on every machine, so demos,
 * screenshots and tests agree. The backlog generator reuses the same traveller shapes at volume.
 */

/** A Concur user who can ask to connect: what a connection request shows of them. */
export type Traveller = {
  loginId: string;
  userId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  loyaltyNumber: string | null;
  emails: string[];
};

export type SeedRequest = Traveller & {
  id: string;
  status: Status;
  lastModified: string;
  failureCount: number;
  retryCount: number;
  /** Minutes after seeding at which a Failed or Retry request returns to the queue; null = never. */
  requeueInMinutes: number | null;
};

const STATUS_COUNTS = [
  ['Pending', 130],
  ['Processing', 25],
  ['Connected', 45],
  ['Failed', 30],
  ['Retry', 20],
] as const;

const CERT_USER_COUNT = 20;

const localParts = new Map<string, string>();

/** Memoised: a 100,000-request backlog draws from a few dozen names. */
function asciiLocalPart(name: string): string {
  let local = localParts.get(name);
  if (local === undefined) {
    local = name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.|\.$/g, '');
    localParts.set(name, local);
  }
  return local;
}

function loyaltyNumber(next: () => number, index: number): string | null {
  if (index % 9 === 4) return null;
  const digits = Array.from({ length: between(next, 8, 11) }, () => Math.floor(next() * 10));
  // Leading zeros matter: they are part of the number, not padding to drop.
  if (index % 5 === 0) digits.splice(0, 2, 0, 0);
  return digits.join('');
}

function makeTraveller(next: () => number, index: number, loginId: string): Traveller {
  const firstName = pick(next, FIRST_NAMES);
  const lastName = pick(next, LAST_NAMES);
  const emails = Array.from({ length: index % 6 }, (_, k) => {
    const local =
      k === 0 ? `${asciiLocalPart(firstName)}.${asciiLocalPart(lastName)}` : `${asciiLocalPart(firstName)}${k}`;
    return `${local}@${pick(next, DOMAINS)}`;
  });
  return {
    loginId,
    userId: uuid(next),
    firstName,
    middleName: next() < 0.25 ? pick(next, MIDDLE_NAMES) : null,
    lastName,
    loyaltyNumber: loyaltyNumber(next, index),
    emails: [...new Set(emails)],
  };
}

/** Counters and requeue timing that make each seeded status a state the lifecycle could have produced. */
function lifecycleFor(status: Status, n: number, next: () => number) {
  if (status === 'Retry') {
    return { failureCount: 0, retryCount: between(next, 1, 48), requeueInMinutes: between(next, 5, 60) };
  }
  if (status !== 'Failed') return { failureCount: 0, retryCount: 0, requeueInMinutes: null };
  if (n % 3 === 0) {
    return { failureCount: between(next, 1, 4), retryCount: 0, requeueInMinutes: between(next, 60, 24 * 60) };
  }
  // Failed for good: either the fifth CREU* or the 49th CRRET.
  return n % 3 === 1
    ? { failureCount: 5, retryCount: 0, requeueInMinutes: null }
    : { failureCount: 0, retryCount: 49, requeueInMinutes: null };
}

export function generateSeedRequests(options: { seed?: number; now?: Date } = {}): SeedRequest[] {
  const next = random(options.seed ?? 20261127);
  const now = (options.now ?? new Date('2026-11-27T09:00:00Z')).getTime();
  const requests: SeedRequest[] = [];
  let index = 0;
  for (const [status, count] of STATUS_COUNTS) {
    for (let n = 0; n < count; n += 1, index += 1) {
      const id = uuid(next);
      const traveller = makeTraveller(next, index, `user${String(index).padStart(4, '0')}@example.com`);
      const minutesAgo = Math.floor(next() * 60 * 24 * 20);
      requests.push({
        id,
        ...traveller,
        status,
        lastModified: new Date(now - minutesAgo * 60_000).toISOString().slice(0, 19),
        ...lifecycleFor(status, n, next),
      });
    }
  }
  return requests;
}

/** Users with no request yet, so certification-style POST ?user= has someone to create one for. */
export function generateCertUsers(): Traveller[] {
  const next = random(20261128);
  return Array.from({ length: CERT_USER_COUNT }, (_, i) =>
    makeTraveller(next, i, `cert${String(i + 1).padStart(4, '0')}@example.com`),
  );
}

/** `count` Pending requests queued one second apart, oldest first, ending at `now`. */
export function generateBacklog(count: number, now: Date, seed = 20261129): SeedRequest[] {
  const next = random(seed);
  const end = now.getTime();
  return Array.from({ length: count }, (_, i) => ({
    id: uuid(next),
    ...makeTraveller(next, i, `backlog${String(i + 1).padStart(6, '0')}@example.com`),
    status: 'Pending' as const,
    lastModified: new Date(end - (count - i) * 1000).toISOString().slice(0, 19),
    failureCount: 0,
    retryCount: 0,
    requeueInMinutes: null,
  }));
}
