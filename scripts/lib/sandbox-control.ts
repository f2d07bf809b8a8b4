import { z } from 'zod';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '@/lib/env';

/**
 * The one client of the sandbox from outside, over HTTP, for tests, e2e, the bench and the soak:
 * its control API (`/_sandbox/*`: reset, clock, faults, options, its count of the calls a client
 * made, and its own record of what was PUT, the ground truth a test holds the app against), and
 * Concur's API asked directly with an app token of its own, for the raw wire values the app must
 * keep to itself. Answers of the control API are parsed; a refusal throws with the sandbox's own
 * message.
 */

/** How a caller sends HTTP: fetch, or its own client (Playwright's, so calls show in its trace). */
export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

const iso = z.string();
const counted = z.object({ ok: z.literal(true), requests: z.number().int() });
const clockSchema = z.object({ now: iso });

const faultSchema = z.object({
  id: z.string(),
  kind: z.string(),
  remaining: z.number().int().nullable(),
  share: z.number().nullable(),
  method: z.string().nullable(),
  pathIncludes: z.string().nullable(),
  retryAfterSeconds: z.number(),
  delayMs: z.number(),
  fired: z.number().int(),
});
export type SandboxFault = z.infer<typeof faultSchema>;

/** What POST /_sandbox/faults takes; the sandbox checks `kind` and answers 400 to a wrong one. */
export type SandboxFaultInput = {
  kind: string;
  count?: number;
  share?: number;
  method?: string;
  pathIncludes?: string;
  retryAfterSeconds?: number;
  delayMs?: number;
};

/** A new traveller for POST /_sandbox/requests; left out, middle name and loyalty number are null, emails none. */
export type SandboxTravellerInput = {
  firstName: string;
  middleName?: string | null;
  lastName: string;
  loyaltyNumber?: string | null;
  emails?: string[];
};

const requestRecordSchema = z.object({
  id: z.string(),
  status: z.string(),
  loginId: z.string(),
  userId: z.string(),
  failureCount: z.number().int(),
  retryCount: z.number().int(),
  requeueAt: iso.nullable(),
  requestTokenIssuedAt: iso.nullable(),
  isRequestTokenUsed: z.boolean(),
  queuedAt: iso.nullable(),
  lastModified: iso.nullable(),
  outcomes: z.array(z.object({ code: z.string(), at: iso })),
  notifications: z.array(z.object({ kind: z.enum(['connected', 'failed']), code: z.string(), at: iso })),
  userTokens: z.object({ access: z.number().int(), refresh: z.number().int() }),
});
/** The sandbox's own record of one request: every outcome applied and every email sent. */
export type SandboxRequestRecord = z.infer<typeof requestRecordSchema>;

const countsSchema = z.record(z.string(), z.number().int());
const statsSchema = z.object({
  requests: z.object({ total: z.number().int(), byStatus: countsSchema }),
  outcomes: z.object({ total: z.number().int(), byCode: countsSchema }),
  notifications: z.object({ total: z.number().int(), connected: z.number().int(), failed: z.number().int() }),
});
export type SandboxStats = z.infer<typeof statsSchema>;

const optionsSchema = z.object({
  newTokenPerGet: z.boolean(),
  requeuedStatusShowsCode: z.boolean(),
  exchangedStayListed: z.boolean(),
});
/** Which reading of Concur's documentation the sandbox follows where it can be read two ways. */
export type SandboxOptions = z.infer<typeof optionsSchema>;

const count = z.number().int();
const callsSchema = z.object({
  list: z.object({ count, withStatus: count, ms: z.number() }),
  getById: z.object({ count, ms: z.number() }),
  put: z.object({ count }),
  post: z.object({ count }),
  token: z.object({ count }),
});
/** Concur API calls that reached the sandbox since its last reset or clear; `ms` is its own handling time. */
export type SandboxCalls = z.infer<typeof callsSchema>;

const tokenSchema = z.object({ access_token: z.string() });

export function sandboxControl(baseUrl: string, options: { fetch?: Fetch } = {}) {
  const send: Fetch = options.fetch ?? ((url, init) => fetch(url, init));
  let appToken: Promise<string> | undefined;

  async function control<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> {
    const response = await send(`${baseUrl}/_sandbox/${path}`, {
      method,
      // The control API takes every write as JSON, a body-less one too.
      headers: method === 'GET' ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox control ${method} ${path}: ${response.status} ${text}`);
    return schema.parse(JSON.parse(text));
  }

  async function newAppToken(): Promise<string> {
    const response = await send(`${baseUrl}/oauth2/v0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: SANDBOX_CLIENT_ID,
        client_secret: SANDBOX_CLIENT_SECRET,
        grant_type: 'client_credentials',
      }),
    });
    if (!response.ok) throw new Error(`sandbox token: ${response.status} ${await response.text()}`);
    return tokenSchema.parse(await response.json()).access_token;
  }

  /** Concur's API as an app calls it (JSON, with a token of ours), the answer as it comes. */
  async function api(pathAndQuery: string): Promise<Response> {
    appToken ??= newAppToken();
    return send(`${baseUrl}${pathAndQuery}`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${await appToken}` },
      redirect: 'manual',
    });
  }

  return {
    baseUrl,
    api,
    /** The wire JSON of a Concur API GET, typed by the caller: raw values are what it compares. */
    async get<T>(pathAndQuery: string): Promise<T> {
      const response = await api(pathAndQuery);
      if (!response.ok) throw new Error(`sandbox GET ${pathAndQuery}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    health: () => control(counted, 'GET', 'health'),
    /** The demo set again, or `backlog` Pending requests; app tokens issued before stop working. */
    async reset(body: { backlog?: number } = {}) {
      const answer = await control(counted, 'POST', 'reset', body);
      appToken = undefined;
      return answer;
    },
    clock: () => control(clockSchema, 'GET', 'clock'),
    advanceClock: (seconds: number) => control(clockSchema, 'POST', 'clock', { advanceSeconds: seconds }),
    addFault: (fault: SandboxFaultInput) => control(z.object({ id: z.string() }), 'POST', 'faults', fault),
    async addFaults(faults: readonly SandboxFaultInput[]): Promise<void> {
      for (const fault of faults) await control(z.object({ id: z.string() }), 'POST', 'faults', fault);
    },
    faults: async () => (await control(z.object({ faults: z.array(faultSchema) }), 'GET', 'faults')).faults,
    clearFaults: () => control(z.object({ ok: z.literal(true) }), 'DELETE', 'faults'),
    options: () => control(optionsSchema, 'GET', 'options'),
    /** Changes only the options given; answers all of them. A reset puts the defaults back. */
    setOptions: (options: Partial<SandboxOptions>) => control(optionsSchema, 'POST', 'options', options),
    calls: () => control(callsSchema, 'GET', 'calls'),
    clearCalls: () => control(z.object({ ok: z.literal(true) }), 'DELETE', 'calls'),
    /** A Pending request of the caller's own per traveller, at the back of the queue, in order. */
    addRequests: (travellers: readonly SandboxTravellerInput[]) =>
      control(z.object({ requests: z.array(z.object({ id: z.string() })) }), 'POST', 'requests', { travellers }),
    request: (id: string) => control(requestRecordSchema, 'GET', `requests/${encodeURIComponent(id)}`),
    /** The traveller disconnected in Concur: every user token from this request deleted. */
    revokeTokens: (id: string) =>
      control(z.object({ revoked: z.number().int() }), 'POST', `requests/${encodeURIComponent(id)}/revoke-tokens`),
    /** The request token made unusable (expired, or used elsewhere) without the request showing it. */
    spoilToken: (id: string) =>
      control(z.object({ ok: z.literal(true) }), 'POST', `requests/${encodeURIComponent(id)}/spoil-token`),
    stats: () => control(statsSchema, 'GET', 'stats'),
  };
}

export type SandboxControl = ReturnType<typeof sandboxControl>;
