import { z } from 'zod';
import { getEnv } from '@/lib/env';

/**
 * Where sign-in may send staff afterwards: the pages under app/ that are worth returning to, as
 * patterns over a normalised pathname. Left out on purpose: `/` (it only redirects to
 * /requests), /sign-in (signing in again goes nowhere) and /no-access (nobody wants to land on
 * it). next-path.test.ts fails when a page is added under app/ and not listed here or there.
 */
const APP_PAGES: readonly RegExp[] = [
  /^\/requests$/,
  /^\/requests\/[^/]{1,256}$/,
  /^\/members\/[^/]{1,256}$/,
  /^\/audit$/,
  /^\/staff$/,
  /^\/settings$/,
  /^\/account$/,
];

export const NOT_RETURNED_TO = ['/', '/sign-in', '/no-access'] as const;

const HOME = '/requests';

const nextInput = z.string().max(2048);

/**
 * `next` after sign-in, as a path on this app and nowhere else. The value is resolved the way a
 * browser would resolve it against our origin (tabs and newlines dropped, backslashes as
 * slashes, `.` and `..` and their encodings walked), so a trick that reads as a path but lands
 * on another host (`/.//evil.example`, `/\evil.example`, `https:evil.example`) is seen as the
 * other host it is. Only a same-origin known page is kept, and what comes back is the resolved
 * path and query, never the raw input; anything else is the request list.
 */
export function safeNextPath(value: unknown): string {
  const parsed = nextInput.safeParse(value);
  if (!parsed.success) return HOME;
  const origin = new URL(getEnv().auth.appUrl).origin;
  if (!URL.canParse(parsed.data, origin)) return HOME;
  const url = new URL(parsed.data, origin);
  if (url.origin !== origin) return HOME;
  const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  if (!APP_PAGES.some((page) => page.test(pathname))) return HOME;
  return `${pathname}${url.search}`;
}
