import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';

export const CROSS_SITE_MESSAGE =
  'This request came from another site and was refused. Open Connection Desk at its own address and try again.';

type IncomingRequest = { method?: string; url?: string; headers: IncomingHttpHeaders };

const originHeader = z
  .string()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/ }));

/** Next.js compares the Origin's host with the first X-Forwarded-Host, else the Host. */
function hostNextCompares(headers: IncomingHttpHeaders): string | undefined {
  const forwarded = headers['x-forwarded-host'];
  const first = Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(',')[0]?.trim();
  return first || headers.host;
}

/**
 * A POST that could run a server action (one naming an action, or any POST to a page, which is
 * how a plain form calls one) sent by a page on another origin. Next.js refuses these as well,
 * but by throwing, so the caller sees a 500; refusing first gives a 403 and a message. An Origin
 * on our list is refused too when Next.js would refuse it (its host is not the Host, or the
 * X-Forwarded-Host, of the request), so what passes here also passes Next.js's own check. A
 * request with no Origin is let through, as Next.js does: browsers send one on every POST.
 */
export function isCrossSiteAction(request: IncomingRequest, origins: readonly string[]): boolean {
  if (request.method !== 'POST') return false;
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (!request.headers['next-action'] && path.startsWith('/api/')) return false;
  if (request.headers.origin === undefined) return false;
  const origin = originHeader.safeParse(request.headers.origin);
  if (!origin.success) return true;
  const url = new URL(origin.data);
  return !origins.includes(url.origin) || url.host !== hostNextCompares(request.headers);
}
