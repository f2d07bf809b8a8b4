import { describe, expect, it } from 'vitest';
import { listHref, nextLocation, pageNumber, previousLocation } from './list-location';
import { requestListInput } from './schemas';

describe('the list location in the URL', () => {
  it('parses status, page size, offset and the way back, falling back on bad values', () => {
    expect(requestListInput.parse({ status: 'failed', limit: '5', offset: '20', back: '~,10' })).toEqual({
      status: 'Failed',
      limit: 5,
      offset: '20',
      back: ['~', '10'],
    });
    expect(requestListInput.parse({ status: 'Exploded', limit: '50', offset: '<script>', back: '1,<b>' })).toEqual({
      status: 'Pending',
      limit: 10,
      offset: undefined,
      back: [],
    });
  });

  it('goes forward and back again to exactly the pages visited', () => {
    const first = requestListInput.parse({ status: 'Retry', limit: '5' });
    const second = nextLocation(first, '5');
    const third = nextLocation(second, '10');
    expect(listHref(third)).toBe('/requests?status=Retry&limit=5&offset=10&back=%7E%2C5');
    expect(pageNumber(third)).toBe(3);
    const backToSecond = previousLocation(
      requestListInput.parse(Object.fromEntries(new URL(listHref(third), 'http://x').searchParams)),
    );
    expect(backToSecond).toEqual(second);
    expect(previousLocation(second)).toEqual({ ...first, offset: undefined });
    expect(previousLocation(first)).toBeNull();
  });
});
