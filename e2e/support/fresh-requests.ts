import type { APIRequestContext, TestInfo } from '@playwright/test';
import type { Db } from '@/lib/db';
import { requestRun } from '@/lib/jobs/lease';
import { queuePage } from '@/lib/ledger/store';
import { withServerDb } from './database';
import { sandboxApi } from './sandbox-api';

/** What a test cares about in its traveller; the rest is made up, unique to the request. */
export type TravellerWish = { firstName?: string; lastName?: string; loyaltyNumber?: string | null };

export type FreshRequest = {
  id: string;
  firstName: string;
  lastName: string;
  loyaltyNumber: string | null;
  emails: string[];
  /** As the list and the detail page name the traveller. */
  displayName: string;
};

const uniqueTag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** Demo members' numbers have 8 to 11 digits. */
const unknownLoyaltyNumber = () => `9${String(Math.random()).slice(2, 13).padEnd(11, '0')}`;

const LEDGER_WAIT_MS = 20_000;
const LEDGER_CHECK_MS = 200;

/** Asks the server's poller for a poll now, through its database, and waits until it recorded every one of `ids`. */
async function awaitPoll(db: Db, ids: string[]): Promise<void> {
  await requestRun(db, 'concur-poller');
  const deadline = Date.now() + LEDGER_WAIT_MS;
  for (;;) {
    const seen = await db.selectFrom('ledger_request').select('request_id').where('request_id', 'in', ids).execute();
    const missing = ids.filter((id) => !seen.some((row) => row.request_id === id));
    if (missing.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `no poll recorded the new request(s) ${missing.join(', ')} in the ledger within ${LEDGER_WAIT_MS / 1000} s: is the server's poller running (CONCUR_POLL_SECONDS)?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LEDGER_CHECK_MS));
  }
}

/**
 * Connection requests of a test's own, made in the sandbox (POST /_sandbox/requests) for new
 * travellers with unique names, so no journey depends on a place in the shared queue or on what
 * another journey did to it. They join the back of the Pending queue, one call's side by side,
 * and are returned once a poll has recorded them in the server's ledger, which the screens read.
 * Unless asked, the loyalty number (12 digits) and the emails match no member.
 */
export function freshRequests(request: APIRequestContext, testInfo: TestInfo) {
  const sandbox = sandboxApi(request, testInfo);

  /** Where the request stands in the ledger's Pending queue, 0 at its head: the list's offset for it. */
  async function positionOf(id: string): Promise<number> {
    const { rows } = await withServerDb(testInfo, (db) => queuePage(db, { offset: 0, limit: 100_000 }));
    const index = rows.findIndex((row) => row.request_id === id);
    if (index < 0) throw new Error(`request ${id} is not in the ledger's Pending queue`);
    return index;
  }

  async function make(wishes: TravellerWish[]): Promise<FreshRequest[]> {
    const tag = uniqueTag();
    const travellers = wishes.map((wish, index) => ({
      firstName: wish.firstName ?? `Fresh-${tag}${index}`,
      lastName: wish.lastName ?? `Tester-${tag}${index}`,
      loyaltyNumber: wish.loyaltyNumber === undefined ? unknownLoyaltyNumber() : wish.loyaltyNumber,
      emails: [`fresh.${tag}${index}@example.org`, `fresh.${tag}${index}@mail.example.net`],
    }));
    const { requests } = await sandbox.addRequests(travellers);
    const ids = requests.map((made) => made.id);
    await withServerDb(testInfo, (db) => awaitPoll(db, ids));
    return travellers.map((traveller, index) => ({
      ...traveller,
      id: requests[index]?.id ?? 'missing',
      displayName: `${traveller.lastName}, ${traveller.firstName}`,
    }));
  }

  return {
    /** Requests for these travellers, side by side at the back of the queue, in this order. */
    make,
    async makeOne(wish: TravellerWish = {}): Promise<FreshRequest> {
      const [made] = await make([wish]);
      if (!made) throw new Error('the sandbox made no request');
      return made;
    },
    /**
     * The list page of exactly these requests from one `make`, five or ten of them, as long as
     * no request ahead of them leaves Pending meanwhile: check that they are all on it.
     */
    async pageOf(batch: FreshRequest[]): Promise<string> {
      const [head] = batch;
      if (!head || (batch.length !== 5 && batch.length !== 10)) throw new Error('a list page shows 5 or 10 requests');
      return `/requests?offset=${await positionOf(head.id)}&limit=${batch.length}`;
    },
    /**
     * A list page of 10 that shows the request. Requests ahead of it can leave Pending while a
     * test runs (others are only ever queued behind it), so it can only move up: the page starts
     * nine rows before it.
     */
    async listPageOf(id: string): Promise<string> {
      return `/requests?offset=${Math.max(0, (await positionOf(id)) - 9)}`;
    },
  };
}
