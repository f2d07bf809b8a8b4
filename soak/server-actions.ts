import fs from 'node:fs';
import path from 'node:path';

/**
 * Server actions over plain HTTP, as the browser calls them: a POST with the action's id in
 * `Next-Action`, the arguments encoded as React's `encodeReply` does, and the answer read out of
 * the RSC payload. Only the actions' contract is relied on, never their internals.
 */

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

export type ActionName =
  | 'lib/auth/actions.ts#signIn'
  | 'lib/requests/actions.ts#listRequests'
  | 'lib/decisions/actions.ts#decideRequest'
  | 'lib/decisions/actions.ts#resendDecision';

/** The ids the current production build gave our actions. */
export function readActionIds(): Record<ActionName, string> {
  const file = path.join('.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  const byName = new Map(Object.entries(manifest.node).map(([id, e]) => [`${e.filename}#${e.exportedName}`, id]));
  const names: ActionName[] = [
    'lib/auth/actions.ts#signIn',
    'lib/requests/actions.ts#listRequests',
    'lib/decisions/actions.ts#decideRequest',
    'lib/decisions/actions.ts#resendDecision',
  ];
  const ids = {} as Record<ActionName, string>;
  for (const name of names) {
    const id = byName.get(name);
    if (!id) throw new Error(`${name} is not in the build's ${file}: rebuild with npx next build`);
    ids[name] = id;
  }
  return ids;
}

/** A browser's cookies for one host (cookies are per host, not per port: both instances share them). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const isExpired = /max-age=0\b/i.test(line) || value === '';
      if (isExpired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get size(): number {
    return this.cookies.size;
  }
}

/** The action's return value out of a Flight payload: rows `id:json`, `$n` pointing at row n. */
export function readFlightResult(payload: string): unknown {
  const rows = new Map<string, unknown>();
  for (const line of payload.split('\n')) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    try {
      rows.set(match[1], JSON.parse(match[2]));
    } catch {
      // Other row kinds (text chunks, hints) are not the action's answer.
    }
  }
  const resolve = (value: unknown, depth: number): unknown => {
    if (depth > 50) return value;
    if (typeof value === 'string') {
      if (value.startsWith('$$')) return value.slice(1);
      const ref = /^\$@?([0-9a-f]+)$/.exec(value);
      return ref?.[1] && rows.has(ref[1]) ? resolve(rows.get(ref[1]), depth + 1) : value;
    }
    if (Array.isArray(value)) return value.map((item) => resolve(item, depth + 1));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, depth + 1)]));
    }
    return value;
  };
  const root = rows.get('0');
  // Row 0 is the envelope {a: result, f: flight data, b: build id}; `a` is the action's answer.
  if (root && typeof root === 'object' && 'a' in root) return resolve((root as { a: unknown }).a, 0);
  return undefined;
}

export type ActionCall = { status: number; result: unknown; redirect: string | null; ms: number };

async function post(
  url: string,
  actionId: string,
  jar: CookieJar,
  body: string | FormData,
  timeoutMs: number,
): Promise<ActionCall> {
  const started = performance.now();
  const headers: Record<string, string> = {
    'Next-Action': actionId,
    Accept: 'text/x-component',
    Origin: new URL(url).origin,
    Cookie: jar.header(),
  };
  if (typeof body === 'string') headers['Content-Type'] = 'text/plain;charset=UTF-8';
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  jar.take(response);
  const text = await response.text();
  return {
    status: response.status,
    result: readFlightResult(text),
    redirect: response.headers.get('x-action-redirect'),
    ms: performance.now() - started,
  };
}

/** An action taking one JSON-able input, like every staffAction. */
export function callAction(
  baseUrl: string,
  actionId: string,
  jar: CookieJar,
  input: unknown,
  timeoutMs: number,
): Promise<ActionCall> {
  return post(`${baseUrl}/requests`, actionId, jar, JSON.stringify([input]), timeoutMs);
}

/**
 * The sign-in form's action, `signIn(previousState, formData)`: React (19.3) sends a FormData
 * argument as `$K1` in part `0` and the form's fields as `_1_<name>` parts.
 */
export async function signInOverHttp(
  baseUrl: string,
  actionId: string,
  jar: CookieJar,
  credentials: { email: string; password: string },
): Promise<void> {
  const body = new FormData();
  body.append('_1_email', credentials.email);
  body.append('_1_password', credentials.password);
  // Last, as React puts it: the server decodes part 0 as soon as it arrives.
  body.append('0', JSON.stringify([{ step: 'password', error: null }, '$K1']));
  const answer = await post(`${baseUrl}/sign-in`, actionId, jar, body, 30_000);
  if (!answer.redirect || jar.size === 0) {
    throw new Error(`sign-in as ${credentials.email} failed: HTTP ${answer.status} ${JSON.stringify(answer.result)}`);
  }
}
