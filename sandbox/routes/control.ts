import { z } from 'zod';
import type { Sandbox } from '../context';
import { faultInput } from '../faults';
import { type Call, jsonReply, type Reply } from '../http';
import { isLoopbackAddress, isLoopbackHost, isLoopbackOrigin } from '../loopback';
import { optionsInput } from '../options';

/**
 * `/_sandbox/*`: JSON controls for tests and demos (reset, clock, faults, options, call counts,
 * new requests, inspection). Never faulted, never behind OAuth, and only for callers on this
 * machine: not for a web page on another site either, whose browser runs on this machine too.
 */

const resetInput = z.object({ backlog: z.number().int().min(0).max(1_000_000).optional() }).strict();
const clockInput = z.object({ advanceSeconds: z.number().finite().min(0) }).strict();
const name = z.string().trim().min(1).max(100);
const travellerInput = z
  .object({
    firstName: name,
    middleName: name.nullable().default(null),
    lastName: name,
    loyaltyNumber: z
      .string()
      .regex(/^\d{1,20}$/)
      .nullable()
      .default(null),
    emails: z.array(z.email()).max(5).default([]),
  })
  .strict();
const newRequestsInput = z.object({ travellers: z.array(travellerInput).min(1).max(50) }).strict();

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

type Handler = (sandbox: Sandbox, input: unknown, id?: string) => Reply;

const ROUTES: { path: RegExp; methods: Record<string, Handler> }[] = [
  { path: /^\/_sandbox\/health$/, methods: { GET: (s) => jsonReply(200, { ok: true, requests: s.requests.count() }) } },
  { path: /^\/_sandbox\/reset$/, methods: { POST: reset } },
  { path: /^\/_sandbox\/clock$/, methods: { GET: (s) => clockReply(s.clock.now()), POST: advanceClock } },
  { path: /^\/_sandbox\/faults$/, methods: { GET: listFaults, POST: addFault, DELETE: clearFaults } },
  { path: /^\/_sandbox\/options$/, methods: { GET: (s) => jsonReply(200, s.options.get()), POST: setOptions } },
  { path: /^\/_sandbox\/calls$/, methods: { GET: (s) => jsonReply(200, s.calls.snapshot()), DELETE: clearCalls } },
  { path: /^\/_sandbox\/requests$/, methods: { POST: addRequests } },
  { path: /^\/_sandbox\/requests\/([^/]+)$/, methods: { GET: inspectRequest } },
  { path: /^\/_sandbox\/requests\/([^/]+)\/revoke-tokens$/, methods: { POST: revokeTokens } },
  { path: /^\/_sandbox\/requests\/([^/]+)\/spoil-token$/, methods: { POST: spoilToken } },
  { path: /^\/_sandbox\/stats$/, methods: { GET: stats } },
];

export function controlRoute(sandbox: Sandbox, call: Call): Reply {
  const refusal = refusalOf(call);
  if (refusal) return refusal;
  for (const route of ROUTES) {
    const match = route.path.exec(call.route);
    if (!match) continue;
    const handler = route.methods[call.method];
    if (!handler)
      return jsonReply(
        405,
        { error: `Use ${Object.keys(route.methods).join(' or ')}.` },
        { Allow: Object.keys(route.methods).join(', ') },
      );
    const input = parseJson(call.body);
    if (input === INVALID_JSON) return jsonReply(400, { error: 'The body must be JSON.' });
    return handler(sandbox, input, match[1]);
  }
  return jsonReply(404, { error: 'No such sandbox control.' });
}

/**
 * A browser on this machine can reach the sandbox from any site it visits. A form or a simple
 * fetch cannot send `Content-Type: application/json` without a CORS preflight (which is never
 * answered), and a page's Origin and Host say where it came from even when its DNS points here.
 */
function refusalOf(call: Call): Reply | null {
  if (!isLoopbackAddress(call.remoteAddress)) {
    return jsonReply(403, { error: 'The sandbox control API only answers callers on this machine.' });
  }
  if (!isLoopbackHost(call.headers.host)) {
    return jsonReply(403, {
      error:
        "The sandbox control API only answers requests addressed to 127.0.0.1, localhost or [::1]: call it as http://127.0.0.1 with the sandbox's port, not through another host name.",
    });
  }
  const { origin } = call.headers;
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    return jsonReply(403, {
      error:
        'The sandbox control API does not answer a web page on another site. Call it from a test, a script or a terminal on this machine (without an Origin header), or from a page served by 127.0.0.1, localhost or [::1].',
    });
  }
  if (call.method !== 'GET' && call.method !== 'HEAD' && !isJsonContentType(call.headers['content-type'])) {
    return jsonReply(415, {
      error:
        'Send every sandbox control call other than GET with the header Content-Type: application/json, even one without a body.',
    });
  }
  return null;
}

function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

const INVALID_JSON = Symbol('invalid JSON');

function parseJson(body: string): unknown {
  if (!body.trim()) return {};
  try {
    return JSON.parse(body);
  } catch {
    return INVALID_JSON;
  }
}

function invalid(error: z.ZodError): Reply {
  return jsonReply(400, { error: z.prettifyError(error) });
}

function reset(sandbox: Sandbox, input: unknown): Reply {
  const parsed = resetInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return jsonReply(200, { ok: true, requests: sandbox.reset(parsed.data) });
}

function clockReply(now: Date): Reply {
  return jsonReply(200, { now: now.toISOString() });
}

function advanceClock(sandbox: Sandbox, input: unknown): Reply {
  const parsed = clockInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const now = sandbox.clock.advance(parsed.data.advanceSeconds);
  // Requeues due at the new time happen now, so a following inspection already shows them.
  sandbox.requests.requeueDue(now.getTime());
  return clockReply(now);
}

function listFaults(sandbox: Sandbox): Reply {
  return jsonReply(200, { faults: sandbox.faults.list() });
}

function addFault(sandbox: Sandbox, input: unknown): Reply {
  const parsed = faultInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return jsonReply(200, sandbox.faults.add(parsed.data));
}

function clearFaults(sandbox: Sandbox): Reply {
  sandbox.faults.clear();
  return jsonReply(200, { ok: true });
}

function setOptions(sandbox: Sandbox, input: unknown): Reply {
  const parsed = optionsInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return jsonReply(200, sandbox.options.set(parsed.data));
}

function clearCalls(sandbox: Sandbox): Reply {
  sandbox.calls.clear();
  return jsonReply(200, { ok: true });
}

const unknownRequest = (): Reply => jsonReply(404, { error: 'No connection request has this id.' });

/** Requests of a caller's own, from new travellers: at the back of the Pending queue, side by side. */
function addRequests(sandbox: Sandbox, input: unknown): Reply {
  const parsed = newRequestsInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const nowMs = sandbox.clock.now().getTime();
  return jsonReply(200, { requests: sandbox.requests.addTravellerRequests(parsed.data.travellers, nowMs) });
}

function inspectRequest(sandbox: Sandbox, _input: unknown, id = ''): Reply {
  const nowMs = sandbox.clock.now().getTime();
  const request = sandbox.requests.get(id, nowMs, { issueToken: false });
  if (!request) return unknownRequest();
  const history = sandbox.history.of(request.id);
  return jsonReply(200, {
    id: request.id,
    status: request.status,
    loginId: request.loginId,
    userId: request.userId,
    failureCount: request.failureCount,
    retryCount: request.retryCount,
    requeueAt: iso(request.requeueAt),
    requestTokenIssuedAt: iso(request.requestTokenIssuedAt),
    isRequestTokenUsed: request.isRequestTokenUsed,
    queuedAt: iso(request.queuedAt),
    lastModified: iso(request.lastModified),
    outcomes: history.outcomes.map((o) => ({ code: o.code, at: iso(o.at) })),
    notifications: history.notifications.map((n) => ({ kind: n.kind, code: n.code, at: iso(n.at) })),
    userTokens: sandbox.tokens.liveUserTokens(request.id, nowMs),
  });
}

/** The traveller disconnected in Concur: every user token from this request stops working. */
function revokeTokens(sandbox: Sandbox, _input: unknown, id = ''): Reply {
  const request = sandbox.requests.get(id, sandbox.clock.now().getTime(), { issueToken: false });
  if (!request) return unknownRequest();
  return jsonReply(200, { revoked: sandbox.tokens.revokeUserTokens(request.id) });
}

/** The request token expired or was used elsewhere, without the request showing it. */
function spoilToken(sandbox: Sandbox, _input: unknown, id = ''): Reply {
  const result = sandbox.requests.spoilRequestToken(id);
  if (result === 'not-found') return unknownRequest();
  if (result === 'no-token') {
    return jsonReply(409, { error: 'No request token has been issued for this request yet: GET it through the API.' });
  }
  return jsonReply(200, { ok: true });
}

function stats(sandbox: Sandbox): Reply {
  const byStatus = sandbox.requests.countByStatus();
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return jsonReply(200, { requests: { total, byStatus }, ...sandbox.history.totals() });
}
