import { getSessionStatus } from '@/lib/auth/session';

/**
 * The open page's check that its session still holds (components/auth/session-watch.tsx). Checks
 * the session itself, as it is not a page, and never extends it: the page asks by itself.
 */
export async function GET(): Promise<Response> {
  return Response.json(await getSessionStatus(), { headers: { 'Cache-Control': 'no-store' } });
}
