import { z } from 'zod';
import type { ConnectionRequest } from '../model';
import {
  createdSchema,
  listSchema,
  nullableText,
  presentEmails,
  statusSchema,
  timestampSchema,
  type WireVersion,
} from './shared';

/** API v3.2 (current): camelCase fields, upper-case ID and URI, five email slots, the user's UUID. */
export const connectionRequestWireV32 = z.object({
  ID: z.string().min(1),
  URI: nullableText,
  firstName: nullableText,
  middleName: nullableText,
  lastName: nullableText,
  loyaltyNumber: nullableText,
  status: statusSchema,
  requestToken: nullableText,
  lastModified: timestampSchema,
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

function toConnectionRequest(wire: z.output<typeof connectionRequestWireV32>): ConnectionRequest {
  const slots = wire.emailAddresses;
  return {
    id: wire.ID,
    firstName: wire.firstName ?? '',
    middleName: wire.middleName || null,
    lastName: wire.lastName ?? '',
    loyaltyNumber: wire.loyaltyNumber || null,
    status: wire.status.status,
    reportedCode: wire.status.code,
    requestToken: wire.requestToken || null,
    lastModified: wire.lastModified,
    emails: slots ? presentEmails([slots.email1, slots.email2, slots.email3, slots.email4, slots.email5]) : [],
    userId: wire.userId || null,
  };
}

export const wireV32: WireVersion = {
  version: '3.2',
  list: listSchema(connectionRequestWireV32, toConnectionRequest),
  item: connectionRequestWireV32.transform(toConnectionRequest),
  created: createdSchema,
  putBody: (code) => ({ status: code }),
};
