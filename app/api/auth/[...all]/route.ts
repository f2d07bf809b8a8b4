import { getAuth } from '@/lib/auth';

/**
 * Better Auth's HTTP endpoints, narrowed to the single sign-on callback: every other sign-in
 * path goes through our server actions, which add lockout and audit.
 */
async function handle(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (!pathname.startsWith('/api/auth/callback/')) return new Response('Not found', { status: 404 });
  return (await getAuth()).handler(request);
}

export const GET = handle;
export const POST = handle;
