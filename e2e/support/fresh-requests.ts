import type { APIRequestContext, TestInfo } from '@playwright/test';
import { sandboxApi } from './sandbox-api';

/** What a test cares about in its traveller; the rest is made up, unique to the request. */
export type TravellerWish = { lastName?: string; loyaltyNumber?: string | null };

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

/**
 * Connection requests of a test's own, made in the sandbox (POST /_sandbox/requests) for new
 * travellers with unique names, so no journey depends on a place in the shared queue or on what
 * another journey did to it. They join the back of the Pending queue, one call's side by side.
 * Unless asked, the loyalty number (12 digits) and the emails match no member.
 */
export function freshRequests(request: APIRequestContext, testInfo: TestInfo) {
  const sandbox = sandboxApi(request, testInfo);

  /** Where the request stands in the Pending queue, 0 at its head: the list's offset for it. */
  async function positionOf(id: string): Promise<number> {
    for (let offset = 0; ; offset += 10) {
      const page: { Items: { ID: string }[]; NextPage: string | null } = await sandbox.get(
        `/api/v3.0/common/connectionrequests/?limit=10&offset=${offset}`,
      );
      const index = page.Items.findIndex((item) => item.ID === id);
      if (index >= 0) return offset + index;
      if (!page.NextPage) throw new Error(`request ${id} is not in the Pending queue`);
    }
  }

  async function make(wishes: TravellerWish[]): Promise<FreshRequest[]> {
    const tag = uniqueTag();
    const travellers = wishes.map((wish, index) => ({
      firstName: `Fresh-${tag}${index}`,
      lastName: wish.lastName ?? `Tester-${tag}${index}`,
      loyaltyNumber: wish.loyaltyNumber === undefined ? unknownLoyaltyNumber() : wish.loyaltyNumber,
      emails: [`fresh.${tag}${index}@example.org`, `fresh.${tag}${index}@mail.example.net`],
    }));
    const { requests } = await sandbox.addRequests(travellers);
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
