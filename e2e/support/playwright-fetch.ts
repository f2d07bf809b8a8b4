import type { APIRequestContext } from '@playwright/test';
import type { Fetch } from '@/scripts/lib/sandbox-control';

/**
 * The kit's clients (scripts/lib/) sending through a Playwright request context instead of
 * fetch: the calls show in the test's trace, and a page's context carries its cookies.
 */
export function playwrightFetch(request: APIRequestContext): Fetch {
  return async (url, init = {}) => {
    const { body } = init;
    const response = await request.fetch(url, {
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers)),
      ...(body instanceof URLSearchParams ? { form: Object.fromEntries(body) } : {}),
      ...(typeof body === 'string' ? { data: body } : {}),
      maxRedirects: init.redirect === 'manual' ? 0 : undefined,
    });
    const headers = new Headers();
    for (const { name, value } of response.headersArray()) headers.append(name, value);
    const bytes = await response.body();
    return new Response(bytes.length > 0 ? new Uint8Array(bytes) : null, { status: response.status(), headers });
  };
}
