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

/** API v3.0 (deprecated): PascalCase fields, no emails, no user id. */
export const connectionRequestWireV30 = z.object({
  ID: z.string().min(1),
  URI: nullableText,
  FirstName: nullableText,
  MiddleName: nullableText,
  LastName: nullableText,
  LoyaltyNumber: nullableText,
  Status: statusSchema,
  RequestToken: nullableText,
  LastModified: timestampSchema,
});

/** API v3.1 (deprecated): v3.0 plus the five verified email slots. */
export const connectionRequestWireV31 = connectionRequestWireV30.extend({
  EmailAddresses: z
    .object({
      Email1: nullableText,
      Email2: nullableText,
      Email3: nullableText,
      Email4: nullableText,
      Email5: nullableText,
    })
    .nullish(),
});

function toConnectionRequest(wire: z.output<typeof connectionRequestWireV31>): ConnectionRequest {
  const slots = wire.EmailAddresses;
  return {
    id: wire.ID,
    firstName: wire.FirstName ?? '',
    middleName: wire.MiddleName || null,
    lastName: wire.LastName ?? '',
    loyaltyNumber: wire.LoyaltyNumber || null,
    status: wire.Status.status,
    reportedCode: wire.Status.code,
    requestToken: wire.RequestToken || null,
    lastModified: wire.LastModified,
    emails: slots ? presentEmails([slots.Email1, slots.Email2, slots.Email3, slots.Email4, slots.Email5]) : [],
    userId: null,
  };
}

const putBody = (code: string) => ({ Status: code });

export const wireV30: WireVersion = {
  version: '3.0',
  list: listSchema(connectionRequestWireV30, toConnectionRequest),
  item: connectionRequestWireV30.transform(toConnectionRequest),
  created: createdSchema,
  putBody,
};

export const wireV31: WireVersion = {
  version: '3.1',
  list: listSchema(connectionRequestWireV31, toConnectionRequest),
  item: connectionRequestWireV31.transform(toConnectionRequest),
  created: createdSchema,
  putBody,
};
