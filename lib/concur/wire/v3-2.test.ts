import { describe, expect, it } from 'vitest';
import examples from './concur-doc-examples.json';
import { wireV32 } from './v3-2';

describe('v3.2 wire schema against the verbatim examples in Concur’s doc', () => {
  it('reads the list example into our model, next page from NextPage', () => {
    const page = wireV32.list.parse(examples.list);
    expect(page.next).toEqual({ offset: '4', limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toEqual({
      id: 'e8a3c057-bb9b-421e-85fb-06777bce54d3',
      firstName: 'FirstName',
      middleName: null,
      lastName: 'LastName',
      loyaltyNumber: '0123',
      status: 'Pending',
      reportedCode: null,
      requestToken: 'token-string',
      lastModified: '2022-11-09T05:57:29.000Z',
      emails: [],
      userId: '71ff9cf8-0593-4620-ba6c-145509164ba0',
    });
  });

  it('reads the single-request example, keeping the leading zero of no number and the one email', () => {
    const request = wireV32.item.parse(examples.single);
    expect(request).toMatchObject({ id: 'b65b5215-dd36-43d0-a178-39356630320e', emails: ['example@example.com'] });
  });

  it('accepts the 2014 lower-case status and a null NextPage', () => {
    const page = wireV32.list.parse({ Items: [{ ...examples.single, status: 'pending' }], NextPage: null });
    expect(page.items[0]?.status).toBe('Pending');
    expect(page.next).toBeNull();
  });

  it('accepts an outcome code in the status field (the v3.2 swagger lists them): queued in a list, kept', () => {
    for (const code of ['CRSUC', 'CREU1', 'CREU2', 'CREU3', 'CRRET', 'CRPA1', 'crret'] as const) {
      const page = wireV32.list.parse({ Items: [{ ...examples.single, status: code }], NextPage: null });
      expect(page.items[0]).toMatchObject({ status: 'Pending', reportedCode: code.toUpperCase() });
    }
    // By id, the code says where it led.
    expect(wireV32.item.parse({ ...examples.single, status: 'CREU2' })).toMatchObject({
      status: 'Failed',
      reportedCode: 'CREU2',
    });
  });

  it('rejects a body that is not a connection request list', () => {
    expect(wireV32.list.safeParse({ Items: [{ firstName: 'x' }] }).success).toBe(false);
    expect(wireV32.list.safeParse({ Items: [{ ...examples.single, status: 'Exploded' }] }).success).toBe(false);
    expect(wireV32.list.safeParse({ Items: [{ ...examples.single, lastModified: 'yesterday' }] }).success).toBe(false);
  });
});
