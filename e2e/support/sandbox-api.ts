import type { APIRequestContext, TestInfo } from '@playwright/test';
import { type SandboxControl, sandboxControl } from '@/scripts/lib/sandbox-control';
import { playwrightFetch } from './playwright-fetch';

/**
 * The sandbox this project's server talks to (the kit's client, through Playwright's request
 * context): for the raw values the app must keep to itself, and for its own record of what was PUT.
 */
export function sandboxApi(request: APIRequestContext, testInfo: TestInfo): SandboxControl {
  return sandboxControl(String(testInfo.project.metadata.sandboxUrl), { fetch: playwrightFetch(request) });
}
