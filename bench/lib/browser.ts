import { type Browser, type BrowserContext, chromium } from '@playwright/test';
import { CookieJar, formActionFields } from '@/scripts/lib/server-action';
import { chromiumLaunchOptions } from '../../scripts/lib/chromium';
import { BENCH_PASSWORD, type BenchAgent } from './stack';

/** Debian's Chromium, launched as the e2e suite launches it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

export type SignedIn = { agent: BenchAgent; cookies: { name: string; value: string }[]; header: string };

/** Where a sign-in lands: the static floor, so no page is rendered for it. */
const AFTER_SIGN_IN = '/bench/floor.html';

/**
 * The sign-in form's hidden fields (React's reference to the sign-in action), as the page
 * renders them for a browser without JavaScript.
 */
async function signInFormFields(baseUrl: string): Promise<Record<string, string>> {
  const response = await fetch(`${baseUrl}/sign-in?next=${AFTER_SIGN_IN}`);
  if (!response.ok) throw new Error(`the sign-in page: ${response.status}`);
  return formActionFields(await response.text());
}

/**
 * Submits the sign-in form as a browser without JavaScript does (React forms work before
 * hydration) and keeps the session cookie: the password check and the session are the real
 * ones, without a page load in Chromium for each of 50 accounts.
 */
async function signIn(baseUrl: string, fields: Record<string, string>, agent: BenchAgent): Promise<SignedIn> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('email', agent.email);
  form.append('password', BENCH_PASSWORD);
  const response = await fetch(`${baseUrl}/sign-in?next=${AFTER_SIGN_IN}`, {
    method: 'POST',
    body: form,
    headers: { Origin: baseUrl },
    redirect: 'manual',
  });
  const jar = new CookieJar();
  jar.take(response);
  const cookies = jar.entries();
  if (response.status !== 303 || !cookies.some((cookie) => cookie.name.endsWith('session_token'))) {
    throw new Error(`signing in ${agent.email}: ${response.status}, no session cookie`);
  }
  return { agent, cookies, header: jar.header() };
}

/** Two at a time: each sign-in is mostly a password hash on one of two shared cores. */
export async function signInAll(baseUrl: string, agents: readonly BenchAgent[]): Promise<SignedIn[]> {
  const fields = await signInFormFields(baseUrl);
  const sessions: SignedIn[] = [];
  for (let start = 0; start < agents.length; start += 2) {
    sessions.push(
      ...(await Promise.all(agents.slice(start, start + 2).map((agent) => signIn(baseUrl, fields, agent)))),
    );
  }
  return sessions;
}

/** A fresh context (empty cache) carrying a signed-in session, or none. */
export async function contextFor(browser: Browser, baseUrl: string, session: SignedIn | null): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl });
  if (session) {
    await context.addCookies(
      session.cookies.map((cookie) => ({ ...cookie, url: baseUrl, httpOnly: true, sameSite: 'Lax' as const })),
    );
  }
  return context;
}
