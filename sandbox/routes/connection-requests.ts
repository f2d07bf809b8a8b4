import { z } from 'zod';
import type { CallKind } from '../calls';
import type { Sandbox } from '../context';
import { type Call, CONTENT_TYPES, concurError, type Reply } from '../http';
import { isOutcomeCode, OUTCOME_CODES, type OutcomeCode, STATUSES } from '../lifecycle';
import type { Queue, StoredRequest, TokenIssue } from '../store';
import { API_VERSIONS, type ApiVersion, collectionUri, type ReportedRequest } from '../wire/fields';
import { renderCreated, renderList, renderRequest } from '../wire/render';
import { readXmlElement } from '../wire/xml';

/** GET list, GET by id, POST ?user= and PUT outcome, for API versions 3.0, 3.1 and 3.2. */

const ROUTE = /^\/api\/v(3\.[0-2])\/common\/connectionrequests(?:\/([^/]+))?$/;

const wholeNumber = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

const statusQuery = z
  .string()
  .transform((s) => STATUSES.find((status) => status.toLowerCase() === s.toLowerCase()))
  .pipe(z.enum(STATUSES));

/** v3.2 dropped the `status` parameter, so there it is not read at all, whatever its value. */
const pageQuery = z.object({
  limit: wholeNumber.pipe(z.number().min(1).max(10)).default(5),
  offset: wholeNumber.default(0),
});

/** v3.0 and v3.1 document the status filter, Pending by default. */
const filteredPageQuery = pageQuery.extend({ status: statusQuery.default('Pending') });

type Handler = (sandbox: Sandbox, call: Call, version: ApiVersion, nowMs: number, id?: string) => Reply;

type Route = { handle: Handler; kind: CallKind };

/** The reply for a connection requests path, or null when the path is not one. */
export function connectionRequestsRoute(sandbox: Sandbox, call: Call, nowMs: number): Reply | null {
  const match = ROUTE.exec(call.route);
  const version = API_VERSIONS.find((v) => v === match?.[1]);
  if (!match || !version) return null;
  const id = match[2] === undefined ? undefined : safeDecode(match[2]);
  const routes: Record<string, Route> =
    id === undefined
      ? { GET: { handle: listRequests, kind: 'list' }, POST: { handle: createRequest, kind: 'post' } }
      : { GET: { handle: getRequest, kind: 'getById' }, PUT: { handle: updateRequest, kind: 'put' } };
  const route = routes[call.method];
  if (!route) {
    const reply = concurError(
      call.format,
      405,
      `The requested resource does not support http method '${call.method}'.`,
      nowMs,
    );
    return { ...reply, headers: { Allow: Object.keys(routes).join(', ') } };
  }
  const reply = route.handle(sandbox, call, version, nowMs, id);
  const hasStatus = route.kind === 'list' && call.url.searchParams.has('status');
  sandbox.calls.record(route.kind, { ms: performance.now() - call.startedAt, hasStatus });
  return reply;
}

/** A malformed escape is just an id that matches nothing, not a crash. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function nextPageUri(call: Call, version: ApiVersion, limit: number, offset: number, queue: Queue): string {
  // The default queue needs no parameter; any other keeps its status, or following NextPage would switch queues.
  const isDefault = queue === 'Pending' || queue === 'awaiting-outcome';
  const statusParam = isDefault ? '' : `&status=${queue}`;
  return `${collectionUri(call.base, version)}?limit=${limit}&offset=${offset}${statusParam}`;
}

type ListQuery = { limit: number; offset: number; queue: Queue };

function readListQuery(sandbox: Sandbox, call: Call, version: ApiVersion): ListQuery | null {
  const params = Object.fromEntries(call.url.searchParams);
  if (version === '3.2') {
    const query = pageQuery.safeParse(params);
    const queue = sandbox.options.get().exchangedStayListed ? 'awaiting-outcome' : 'Pending';
    return query.success ? { ...query.data, queue } : null;
  }
  const query = filteredPageQuery.safeParse(params);
  return query.success ? { limit: query.data.limit, offset: query.data.offset, queue: query.data.status } : null;
}

const tokenIssue = (sandbox: Sandbox): TokenIssue => (sandbox.options.get().newTokenPerGet ? 'renew' : 'repeat');

/**
 * The status a GET shows. The v3.2 list is the queue awaiting an outcome, whose status the 3.2
 * page says "is always Pending when you GET". With `requeuedStatusShowsCode`, a request back in
 * the queue after an outcome shows that outcome's code where it would show Pending.
 */
function reported(sandbox: Sandbox, request: StoredRequest, queue: Queue | null): ReportedRequest {
  const status = queue === 'awaiting-outcome' ? 'Pending' : request.status;
  if (status !== 'Pending' || !sandbox.options.get().requeuedStatusShowsCode) return { ...request, status };
  // Only a requeue brings a request that was given an outcome back to the queue.
  return { ...request, status: sandbox.history.lastCode(request.id) ?? status };
}

const listRequests: Handler = (sandbox, call, version, nowMs) => {
  const query = readListQuery(sandbox, call, version);
  if (!query) {
    const statusRule = version === '3.2' ? '' : `, status one of ${STATUSES.join(', ')}`;
    const message = `Bad request. limit must be 1 to 10, offset a whole number${statusRule}.`;
    return concurError(call.format, 400, message, nowMs);
  }
  const { limit, offset, queue } = query;
  const items = sandbox.requests.page(queue, offset, limit, nowMs, tokenIssue(sandbox));
  // Peek semantics: a full page always offers the next one, even if it turns out empty.
  const nextPage = items.length === limit ? nextPageUri(call, version, limit, offset + items.length, queue) : null;
  const shown = items.map((item) => reported(sandbox, item, queue));
  return {
    status: 200,
    contentType: CONTENT_TYPES[call.format],
    body: renderList(call.format, version, shown, nextPage, call.base),
  };
};

const getRequest: Handler = (sandbox, call, version, nowMs, id = '') => {
  const request = sandbox.requests.get(id, nowMs, { issueToken: tokenIssue(sandbox) });
  if (!request) return concurError(call.format, 404, 'Connection request not found.', nowMs);
  return {
    status: 200,
    contentType: CONTENT_TYPES[call.format],
    body: renderRequest(call.format, version, reported(sandbox, request, null), call.base),
  };
};

const createRequest: Handler = (sandbox, call, version, nowMs) => {
  const loginId = call.url.searchParams.get('user')?.trim();
  if (!loginId) return concurError(call.format, 400, 'The user parameter is required.', nowMs);
  const created = sandbox.requests.create(loginId, nowMs);
  if (created === 'unknown-user') return concurError(call.format, 400, `No user has the login ID ${loginId}.`, nowMs);
  if (created === 'conflict') {
    return concurError(call.format, 409, 'The user already has an open connection request.', nowMs);
  }
  return {
    status: 200,
    contentType: CONTENT_TYPES[call.format],
    body: renderCreated(call.format, version, created.id, call.base),
  };
};

/** The outcome code from a PUT body: JSON `status` (3.2) or `Status` (3.0/3.1), or XML `<Status>`. */
export function readOutcomeCode(body: string): OutcomeCode | 'missing' | 'invalid' {
  const text = body.trim();
  if (!text) return 'missing';
  let value: unknown;
  if (text.startsWith('<')) {
    value = readXmlElement(text, 'Status');
  } else {
    try {
      const parsed: unknown = JSON.parse(text);
      const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
      value = fields.status ?? fields.Status;
    } catch {
      return 'invalid';
    }
  }
  if (value === undefined || value === null) return 'missing';
  return isOutcomeCode(value) ? value : 'invalid';
}

const updateRequest: Handler = (sandbox, call, _version, nowMs, id = '') => {
  const code = readOutcomeCode(call.body);
  if (code === 'missing')
    return concurError(call.format, 400, 'The body must be a connection request with a status.', nowMs);
  if (code === 'invalid') {
    return concurError(call.format, 400, `The status must be one of ${OUTCOME_CODES.join(', ')}.`, nowMs);
  }
  const result = sandbox.requests.applyOutcome(id, code, nowMs);
  if (result === 'not-found') return concurError(call.format, 404, 'Connection request not found.', nowMs);
  if (result === 'not-awaiting')
    return concurError(call.format, 400, 'Connection request is not awaiting an outcome.', nowMs);
  return { status: 204 };
};
