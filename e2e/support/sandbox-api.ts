import type { APIRequestContext, TestInfo } from '@playwright/test';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '@/lib/env';
import { type SandboxControl, sandboxControl } from '@/scripts/lib/sandbox-control';
import { playwrightFetch } from './playwright-fetch';

/**
 * The sandbox this project's server talks to (the kit's client, through Playwright's request
 * context): for the raw values the app must keep to itself, for its own record of what was PUT,
 * and for its count of the calls the app made (`calls`, `clearCalls`).
 */
export function sandboxApi(request: APIRequestContext, testInfo: TestInfo): SandboxControl {
  return sandboxControl(String(testInfo.project.metadata.sandboxUrl), { fetch: playwrightFetch(request) });
}

/**
 * An outcome PUT to Concur by someone other than this app (another of the supplier's tools, or
 * an expiry): the request leaves Concur's queue without a decision of ours.
 */
export async function decideInConcur(
  request: APIRequestContext,
  testInfo: TestInfo,
  id: string,
  code: string,
): Promise<void> {
  const baseUrl = String(testInfo.project.metadata.sandboxUrl);
  const token = await request.post(`${baseUrl}/oauth2/v0/token`, {
    form: { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, grant_type: 'client_credentials' },
  });
  if (!token.ok()) throw new Error(`sandbox token: ${token.status()} ${await token.text()}`);
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const put = await request.put(`${baseUrl}/api/v3.2/common/connectionrequests/${encodeURIComponent(id)}`, {
    headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
    data: JSON.stringify({ status: code }),
  });
  if (put.status() !== 204) throw new Error(`sandbox PUT ${id} ${code}: ${put.status()} ${await put.text()}`);
}
