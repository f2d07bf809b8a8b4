import { z } from 'zod';
import type { Sandbox } from '../context';
import { type Call, CONTENT_TYPES, concurError, type Reply } from '../http';
import { isOutcomeCode, OUTCOME_CODES, type OutcomeCode, STATUSES, type Status } from '../lifecycle';
import { API_VERSIONS, type ApiVersion, collectionUri } from '../wire/fields';
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

const listQuery = z.object({
  limit: wholeNumber.pipe(z.number().min(1).max(10)).default(5),
  offset: wholeNumber.default(0),
  status: statusQuery.default('Pending'),
});

type Handler = (sandbox: Sandbox, call: Call, version: ApiVersion, nowMs: number, id?: string) => Reply;

/** The reply for a connection requests path, or null when the path is not one. */
export function connectionRequestsRoute(sandbox: Sandbox, call: Call, nowMs: number): Reply | null {
  const match = ROUTE.exec(call.route);
  const version = API_VERSIONS.find((v) => v === match?.[1]);
  if (!match || !version) return null;
  const id = match[2] === undefined ? undefined : safeDecode(match[2]);
  const handlers: Record<string, Handler> =
    id === undefined ? { GET: listRequests, POST: createRequest } : { GET: getRequest, PUT: updateRequest };
  const handler = handlers[call.method];
  if (!handler) {
    const reply = concurError(
      call.format,
      405,
      `The requested resource does not support http method '${call.method}'.`,
      nowMs,
    );
    return { ...reply, headers: { Allow: Object.keys(handlers).join(', ') } };
  }
  return handler(sandbox, call, version, nowMs, id);
}

/** A malformed escape is just an id that matches nothing, not a crash. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function nextPageUri(call: Call, version: ApiVersion, limit: number, offset: number, status: Status): string {
  // Pending is the default queue; any other keeps its status, or following NextPage would switch queues.
  const statusParam = status === 'Pending' ? '' : `&status=${status}`;
  return `${collectionUri(call.base, version)}?limit=${limit}&offset=${offset}${statusParam}`;
}

const listRequests: Handler = (sandbox, call, version, nowMs) => {
  const query = listQuery.safeParse(Object.fromEntries(call.url.searchParams));
  if (!query.success) {
    const message = `Bad request. limit must be 1 to 10, offset a whole number, status one of ${STATUSES.join(', ')}.`;
    return concurError(call.format, 400, message, nowMs);
  }
  const { limit, offset, status } = query.data;
  const items = sandbox.requests.page(status, offset, limit, nowMs);
  // Peek semantics: a full page always offers the next one, even if it turns out empty.
  const nextPage = items.length === limit ? nextPageUri(call, version, limit, offset + items.length, status) : null;
  return {
    status: 200,
    contentType: CONTENT_TYPES[call.format],
    body: renderList(call.format, version, items, nextPage, call.base),
  };
};

const getRequest: Handler = (sandbox, call, version, nowMs, id = '') => {
  const request = sandbox.requests.get(id, nowMs, { issueToken: true });
  if (!request) return concurError(call.format, 404, 'Connection request not found.', nowMs);
  return {
    status: 200,
    contentType: CONTENT_TYPES[call.format],
    body: renderRequest(call.format, version, request, call.base),
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
