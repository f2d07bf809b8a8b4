import { FIRST_PAGE, type RequestListInput } from './schemas';

/**
 * Where the list is, as a URL: status, page size, offset and the way back. Shared by the
 * pager, the status tabs and the keyboard shortcuts so they agree on every link.
 */
export function listHref(location: Partial<RequestListInput>): string {
  const search = new URLSearchParams();
  if (location.status && location.status !== 'Pending') search.set('status', location.status);
  if (location.limit) search.set('limit', String(location.limit));
  if (location.offset) search.set('offset', location.offset);
  if (location.back && location.back.length > 0) search.set('back', location.back.join(','));
  const query = search.toString();
  return query ? `/requests?${query}` : '/requests';
}

/** The next page: this page's offset joins the way back. */
export function nextLocation(current: RequestListInput, nextOffset: string): RequestListInput {
  return { ...current, offset: nextOffset, back: [...current.back, current.offset ?? FIRST_PAGE] };
}

/** The previous page, from the way back; null on the first page. */
export function previousLocation(current: RequestListInput): RequestListInput | null {
  const previous = current.back.at(-1);
  if (previous === undefined) return null;
  return { ...current, offset: previous === FIRST_PAGE ? undefined : previous, back: current.back.slice(0, -1) };
}

/** 1 for the first page. */
export function pageNumber(current: RequestListInput): number {
  return current.back.length + 1;
}
