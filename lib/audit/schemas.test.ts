import { describe, expect, it } from 'vitest';
import {
  auditExportHref,
  auditFilterOf,
  auditHref,
  auditSearchInput,
  DATE_RANGE_ERROR,
  searchParamsRecord,
} from './schemas';

describe('the audit filter in the URL', () => {
  it('parses who, what, request, dates and page', () => {
    const input = auditSearchInput.parse({
      who: 'u1',
      what: 'decisions',
      request: ' 444f5142-2e5a-4ab9-9aad-da916af6fcd7 ',
      from: '2026-03-01',
      to: '2026-03-31',
      page: '3',
    });
    expect(input).toEqual({
      who: 'u1',
      what: 'decisions',
      request: '444f5142-2e5a-4ab9-9aad-da916af6fcd7',
      from: '2026-03-01',
      to: '2026-03-31',
      page: 3,
      dateRangeError: null,
    });
    expect(auditFilterOf(input)).toEqual({
      actorId: 'u1',
      category: 'decisions',
      requestId: '444f5142-2e5a-4ab9-9aad-da916af6fcd7',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(auditFilterOf(auditSearchInput.parse({ what: 'request.value-revealed' }))).toEqual({
      action: 'request.value-revealed',
    });
  });

  it('drops bad values, and falls back to the first page, rather than failing', () => {
    expect(
      auditSearchInput.parse({
        who: "x' or 1=1",
        what: 'staff.exploded',
        request: '<script>',
        from: '2026-02-30',
        to: 'yesterday',
        page: '-2',
      }),
    ).toEqual({ page: 1, dateRangeError: null });
    expect(auditSearchInput.parse({ who: '', what: '', request: '  ', page: 'two' })).toEqual({
      page: 1,
      dateRangeError: null,
    });
    expect(auditSearchInput.parse({ what: ['sign-in', 'decisions'], page: ['2', '9'] })).toMatchObject({
      what: 'sign-in',
      page: 2,
    });
  });

  it('keeps a range that ends before it starts, to show, but flags it and applies no dates', () => {
    const input = auditSearchInput.parse({ from: '2026-03-10', to: '2026-03-01', what: 'sign-in' });
    expect(input).toMatchObject({ from: '2026-03-10', to: '2026-03-01', dateRangeError: DATE_RANGE_ERROR });
    expect(auditFilterOf(input)).toEqual({ category: 'sign-in' });
    expect(auditSearchInput.parse({ from: '2026-03-01', to: '2026-03-01' }).dateRangeError).toBeNull();
  });

  it('writes the filter back as links, the export without the page', () => {
    const input = auditSearchInput.parse({ who: 'u1', what: 'sign-in', from: '2026-03-01', page: '2' });
    expect(auditHref(input)).toBe('/audit?who=u1&what=sign-in&from=2026-03-01&page=2');
    expect(auditHref({ ...input, page: 1 })).toBe('/audit?who=u1&what=sign-in&from=2026-03-01');
    expect(auditExportHref(input)).toBe('/audit/export?who=u1&what=sign-in&from=2026-03-01');
    expect(auditHref({})).toBe('/audit');
    expect(auditSearchInput.parse(searchParamsRecord(new URL(`http://x${auditHref(input)}`).searchParams))).toEqual(
      input,
    );
  });

  it('reads a URL’s repeated param by its first value, as the page does', () => {
    expect(searchParamsRecord(new URLSearchParams('what=sign-in&what=decisions&page=2'))).toEqual({
      what: 'sign-in',
      page: '2',
    });
  });
});
