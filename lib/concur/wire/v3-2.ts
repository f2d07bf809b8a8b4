import { z } from 'zod';
import type { ConnectionRequest, ConnectionRequestPage } from '../model';
import { parseConcurTimestamp, parseNextPage, parseStatus } from './shared';

/** API v3.2 JSON wire shape: camelCase fields, upper-case ID and URI, five email slots. */
const nullableText = z.string().nullish();

export const connectionRequestWireV32 = z.object({
  ID: z.string().min(1),
  URI: nullableText,
  firstName: nullableText,
  middleName: nullableText,
  lastName: nullableText,
  loyaltyNumber: nullableText,
  status: z.string(),
  requestToken: nullableText,
  lastModified: z.string(),
  emailAddresses: z
    .object({
      email1: nullableText,
      email2: nullableText,
      email3: nullableText,
      email4: nullableText,
      email5: nullableText,
    })
    .nullish(),
  userId: nullableText,
});

export const connectionRequestListWireV32 = z.object({
  Items: z.array(connectionRequestWireV32).nullish(),
  NextPage: nullableText,
});

export type ConnectionRequestWireV32 = z.infer<typeof connectionRequestWireV32>;

export function toConnectionRequest(wire: ConnectionRequestWireV32): ConnectionRequest {
  const slots = wire.emailAddresses;
  const emails = slots ? [slots.email1, slots.email2, slots.email3, slots.email4, slots.email5] : [];
  return {
    id: wire.ID,
    firstName: wire.firstName ?? '',
    middleName: wire.middleName || null,
    lastName: wire.lastName ?? '',
    loyaltyNumber: wire.loyaltyNumber || null,
    status: parseStatus(wire.status),
    requestToken: wire.requestToken || null,
    lastModified: parseConcurTimestamp(wire.lastModified),
    emails: emails.filter((email): email is string => Boolean(email)),
    userId: wire.userId || null,
  };
}

export function toConnectionRequestPage(body: unknown): ConnectionRequestPage {
  const wire = connectionRequestListWireV32.parse(body);
  return { items: (wire.Items ?? []).map(toConnectionRequest), next: parseNextPage(wire.NextPage) };
}
