/**
 * Deterministic demo data: the same seed gives the same requests on every machine, so demos,
 * screenshots and tests agree. Names cover what breaks naive matching: diacritics, hyphens,
 * apostrophes, particles, double last names.
 */

export type SeedRequest = {
  id: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  loyaltyNumber: string | null;
  status: 'Pending' | 'Processing' | 'Connected' | 'Failed' | 'Retry';
  emails: string[];
  userId: string;
  loginId: string;
  lastModified: string;
};

const FIRST_NAMES = [
  'José',
  'Zoë',
  'Łukasz',
  'Siobhán',
  'Björn',
  'Anaïs',
  'Renée',
  'Jürgen',
  'Chloé',
  'Mateo',
  'Åsa',
  'Nguyễn Văn',
  'François',
  'Robert',
  'Bob',
  'Margaret',
  'Peggy',
  'Aoife',
  'Dmitrij',
  'Mary-Kate',
  'Jean-Luc',
  "D'Arcy",
  'Ólafur',
  'Søren',
  'Ines',
  'Priya',
  'Kwame',
  'Yuki',
  'Émile',
  'Hélène',
];
const MIDDLE_NAMES = ['Anne', 'Marie', 'J.', 'Lee', 'Ruth', 'Karl', 'Élodie', 'Ó'];
const LAST_NAMES = [
  'Müller',
  'Muller',
  'García-López',
  "O'Brien",
  "D'Angelo",
  'van der Berg',
  'Kowalczyk-Nowak',
  'Ström',
  'Wójcik',
  'Saint-Exupéry',
  'McAllister',
  'Nguyễn',
  'Øvergård',
  'Fernández de Córdoba',
  'Smith',
  'Smith-Jones',
  'de la Cruz',
  "N'Diaye",
  'Lefèvre',
  'Jović',
  'Brontë',
  'Ó Súilleabháin',
  'Zając',
  'Þórsdóttir',
  'Abu-Bakr',
  'Le Guin',
  'St. John',
  'Van Dyke',
  'Ng',
  'Schäfer',
];
const DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'corp.example.co.uk', 'exämple.de'];

const STATUS_COUNTS = [
  ['Pending', 130],
  ['Processing', 25],
  ['Connected', 45],
  ['Failed', 30],
  ['Retry', 20],
] as const;

/** mulberry32: tiny, fast, good enough for demo data, and identical everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function pick<T>(next: () => number, list: readonly T[]): T {
  const item = list[Math.floor(next() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function asciiLocalPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

function loyaltyNumber(next: () => number, index: number): string | null {
  if (index % 9 === 4) return null;
  const digits = 6 + Math.floor(next() * 5);
  const body = Array.from({ length: digits }, () => Math.floor(next() * 10)).join('');
  // Leading zeros matter: they are part of the number, not padding to drop.
  return index % 5 === 0 ? `00${body}` : body;
}

export function generateSeedRequests(options: { seed?: number; now?: Date } = {}): SeedRequest[] {
  const next = random(options.seed ?? 20261127);
  const now = (options.now ?? new Date('2026-11-27T09:00:00Z')).getTime();
  const requests: SeedRequest[] = [];
  let index = 0;
  for (const [status, count] of STATUS_COUNTS) {
    for (let n = 0; n < count; n += 1, index += 1) {
      const firstName = pick(next, FIRST_NAMES);
      const lastName = pick(next, LAST_NAMES);
      const emailCount = index % 6;
      const emails = Array.from({ length: emailCount }, (_, k) => {
        const local =
          k === 0 ? `${asciiLocalPart(firstName)}.${asciiLocalPart(lastName)}` : `${asciiLocalPart(firstName)}${k}`;
        return `${local}@${pick(next, DOMAINS)}`;
      });
      const minutesAgo = Math.floor(next() * 60 * 24 * 20);
      requests.push({
        id: uuid(next),
        firstName,
        middleName: next() < 0.25 ? pick(next, MIDDLE_NAMES) : null,
        lastName,
        loyaltyNumber: loyaltyNumber(next, index),
        status,
        emails: [...new Set(emails)],
        userId: uuid(next),
        loginId: `user${String(index).padStart(4, '0')}@example.com`,
        lastModified: new Date(now - minutesAgo * 60_000).toISOString().slice(0, 19),
      });
    }
  }
  return requests;
}
