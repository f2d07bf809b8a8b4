/**
 * The one way the harnesses call a server action over HTTP, as the browser does: a POST with
 * the action's id in `Next-Action`, the arguments encoded as React's `encodeReply` does, and the
 * answer read out of the RSC (Flight) payload; or, as a browser without JavaScript does, the
 * form's hidden fields posted back. Only the actions' contract is relied on, never their internals.
 */

/** A browser's cookies for one host (cookies are per host, not per port: instances share them). */
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

  entries(): { name: string; value: string }[] {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }

  get size(): number {
    return this.cookies.size;
  }
}

/**
 * Arguments whose last one is a FormData, as React (19.3) sends them: the leading ones and
 * `$K1` as JSON in part `0`, the form's fields as `_1_<name>` parts.
 */
export function formDataArgs(leading: unknown[], fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  // Last, as React puts it: the server decodes part 0 as soon as it arrives.
  body.append('0', JSON.stringify([...leading, '$K1']));
  return body;
}

type ActionRequest<Body> = { headers: Record<string, string>; body: Body };

/** Headers and body of a call; JSON-able arguments as a list, or a body from formDataArgs. */
export function serverActionRequest(actionId: string, args: unknown[], origin: string): ActionRequest<string>;
export function serverActionRequest(actionId: string, args: FormData, origin: string): ActionRequest<FormData>;
export function serverActionRequest(
  actionId: string,
  args: unknown[] | FormData,
  origin: string,
): ActionRequest<string | FormData>;
export function serverActionRequest(
  actionId: string,
  args: unknown[] | FormData,
  origin: string,
): ActionRequest<string | FormData> {
  const headers: Record<string, string> = { 'Next-Action': actionId, Accept: 'text/x-component', Origin: origin };
  if (args instanceof FormData) return { headers, body: args };
  return { headers: { ...headers, 'Content-Type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(args) };
}

export type ActionOptions = {
  /** The session: a jar (which also takes what the answer sets) or a fixed Cookie header. */
  cookies?: CookieJar | string;
  /** Defaults to the page's own origin; another one is what a cross-site caller sends. */
  origin?: string;
  timeoutMs?: number;
};

/** The POST to `pageUrl` (the page the action runs on), answered as it comes; redirects not followed. */
export async function postServerAction(
  pageUrl: string,
  actionId: string,
  args: unknown[] | FormData,
  options: ActionOptions = {},
): Promise<Response> {
  const origin = options.origin ?? new URL(pageUrl).origin;
  const { headers, body } = serverActionRequest(actionId, args, origin);
  const { cookies } = options;
  const cookie = typeof cookies === 'string' ? cookies : cookies?.header();
  const response = await fetch(pageUrl, {
    method: 'POST',
    headers: cookie ? { ...headers, Cookie: cookie } : headers,
    body,
    redirect: 'manual',
    signal: options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs),
  });
  if (cookies instanceof CookieJar) cookies.take(response);
  return response;
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

/** A call and its answer: the action's return value, and where it redirects, if it does. */
export async function callServerAction(
  pageUrl: string,
  actionId: string,
  args: unknown[] | FormData,
  options: ActionOptions = {},
): Promise<ActionCall> {
  const started = performance.now();
  const response = await postServerAction(pageUrl, actionId, args, options);
  const text = await response.text();
  return {
    status: response.status,
    result: readFlightResult(text),
    redirect: response.headers.get('x-action-redirect'),
    ms: performance.now() - started,
  };
}

const decodeEntities = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The hidden fields of the page's first form, which name its server action: what a browser
 * without JavaScript posts back (as multipart) with the visible fields. Throws when they name none.
 */
export function formActionFields(html: string): Record<string, string> {
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const input of form.match(/<input[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name) fields[decodeEntities(name)] = decodeEntities(/value="([^"]*)"/.exec(input)?.[1] ?? '');
  }
  if (!Object.keys(fields).some((name) => name.startsWith('$ACTION'))) throw new Error('no server action in the form');
  return fields;
}
