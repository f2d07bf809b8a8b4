import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import examples from './concur-doc-examples.json';
import { connectionRequestWireV32, toConnectionRequest, toConnectionRequestPage } from './v3-2';

describe('v3.2 wire schema against the verbatim examples in Concur’s doc', () => {
  it('reads the list example into our model, next page from NextPage', () => {
    const page = toConnectionRequestPage(examples.list);
    expect(page.next).toEqual({ offset: '4', limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toEqual({
      id: 'e8a3c057-bb9b-421e-85fb-06777bce54d3',
      firstName: 'FirstName',
      middleName: null,
      lastName: 'LastName',
      loyaltyNumber: '0123',
      status: 'Pending',
      requestToken: 'token-string',
      lastModified: '2022-11-09T05:57:29.000Z',
      emails: [],
      userId: '71ff9cf8-0593-4620-ba6c-145509164ba0',
    });
  });

  it('reads the single-request example, keeping the leading zero of no number and the one email', () => {
    const request = toConnectionRequest(connectionRequestWireV32.parse(examples.single));
    expect(request).toMatchObject({ id: 'b65b5215-dd36-43d0-a178-39356630320e', emails: ['example@example.com'] });
  });

  it('accepts the 2014 lower-case status and a null NextPage', () => {
    const page = toConnectionRequestPage({ Items: [{ ...examples.single, status: 'pending' }], NextPage: null });
    expect(page.items[0]?.status).toBe('Pending');
    expect(page.next).toBeNull();
  });

  it('rejects a body that is not a connection request list', () => {
    expect(() => toConnectionRequestPage({ Items: [{ firstName: 'x' }] })).toThrow(z.ZodError);
    expect(() => toConnectionRequestPage({ Items: [{ ...examples.single, status: 'Exploded' }] })).toThrow(z.ZodError);
    expect(() => toConnectionRequestPage({ Items: [{ ...examples.single, lastModified: 'yesterday' }] })).toThrow(
      z.ZodError,
    );
  });
});
