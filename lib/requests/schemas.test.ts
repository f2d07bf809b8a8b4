import { describe, expect, it } from 'vitest';
import { readRequestListUrl, requestListInput } from './schemas';

const POSITION_NOTICE = 'That link had a page position we could not use; showing the first page.';

describe('the list location in the URL', () => {
  it.each(['abc', '-3', '1e9', '1.5', '0x10', '+5', '05', ' 10', '1000000000', '..', '.', '%2e%2e', '10;drop'])(
    'never passes the offset %j on to Concur',
    (offset) => {
      expect(requestListInput.parse({ offset }).offset).toBeUndefined();
    },
  );

  it.each(['0', '5', '10', '120', '999999999'])('keeps the offset %s, a position in Concur’s queue', (offset) => {
    expect(readRequestListUrl({ offset, back: '~' })).toEqual({
      location: { status: 'Pending', limit: 10, offset, back: ['~'] },
      notice: null,
    });
  });

  it('opens the first page and says so when the offset or the way back is not one Concur gives', () => {
    for (const params of [
      { offset: 'abc' },
      { offset: '-3', back: '~' },
      { offset: '1e9' },
      { offset: '10', back: '~,x' },
    ]) {
      expect(readRequestListUrl(params), JSON.stringify(params)).toEqual({
        location: { status: 'Pending', limit: 10, offset: undefined, back: [] },
        notice: POSITION_NOTICE,
      });
    }
  });

  it('says so for a status or page size it does not know, and keeps the rest', () => {
    expect(readRequestListUrl({ status: 'Exploded', limit: '7', offset: '10', back: '~' })).toEqual({
      location: { status: 'Pending', limit: 10, offset: '10', back: ['~'] },
      notice:
        'That link asked for a status we do not know; showing Pending. That link asked for a page size we do not offer; showing 10 per page.',
    });
  });

  it('says nothing for a plain, empty or repeated param', () => {
    expect(readRequestListUrl({}).notice).toBeNull();
    expect(readRequestListUrl({ offset: '', back: '', status: '', limit: '' }).notice).toBeNull();
    expect(readRequestListUrl({ status: ['failed', 'x'], limit: ['5'], offset: ['20', 'abc'], back: '~,10' })).toEqual({
      location: { status: 'Failed', limit: 5, offset: '20', back: ['~', '10'] },
      notice: null,
    });
  });
});
