import { type APIRequestContext, expect, type TestInfo } from '@playwright/test';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '@/lib/env';

/**
 * The sandbox this project's server talks to, asked directly with an app token: for the raw
 * values the app must keep to itself, and for its own record of what was PUT.
 */
export function sandboxApi(request: APIRequestContext, testInfo: TestInfo) {
  const baseUrl = String(testInfo.project.metadata.sandboxUrl);
  let accessToken: Promise<string> | undefined;

  async function get<T>(path: string): Promise<T> {
    accessToken ??= request
      .post(`${baseUrl}/oauth2/v0/token`, {
        form: { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, grant_type: 'client_credentials' },
      })
      .then(async (response) => ((await response.json()) as { access_token: string }).access_token);
    const response = await request.get(`${baseUrl}${path}`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${await accessToken}` },
    });
    expect(response.ok(), path).toBe(true);
    return (await response.json()) as T;
  }

  return { baseUrl, get };
}
