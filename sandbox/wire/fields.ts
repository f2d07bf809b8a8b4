import { concurTime } from '../clock';
import type { OutcomeCode, Status } from '../lifecycle';
import type { StoredRequest } from '../store';

/**
 * Field names and order per API version, exactly as Concur's examples and schemas give them:
 * v3.2 camelCase with ID/URI upper-case (JSON puts them last, XML first), v3.1 PascalCase with
 * EmailAddresses, v3.0 PascalCase without emails or userId.
 */

export const API_VERSIONS = ['3.0', '3.1', '3.2'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export type Format = 'json' | 'xml';

/** A request as a GET shows it: its status, or the outcome code it was last given (see the options). */
export type ReportedRequest = Omit<StoredRequest, 'status'> & { status: Status | OutcomeCode };

/** One named value; a nested list is an object in JSON and a parent element in XML. */
export type Entry = readonly [name: string, value: string | null | readonly Entry[]];

export function collectionUri(base: string, version: ApiVersion): string {
  return `${base}/api/v${version}/common/connectionrequests/`;
}

export function requestUri(base: string, version: ApiVersion, id: string): string {
  return `${collectionUri(base, version)}${id}`;
}

function emails(request: ReportedRequest, slot: 'email' | 'Email'): Entry[] {
  return [1, 2, 3, 4, 5].map((n) => [`${slot}${n}`, request.emails[n - 1] ?? null] as const);
}

function v32(request: ReportedRequest, uri: string, format: Format): Entry[] {
  const identity: Entry[] = [
    ['ID', request.id],
    ['URI', uri],
  ];
  const fields: Entry[] = [
    ['firstName', request.firstName],
    ['middleName', request.middleName],
    ['lastName', request.lastName],
    ['loyaltyNumber', request.loyaltyNumber],
    ['status', request.status],
    ['requestToken', request.requestToken],
    ['lastModified', concurTime(request.lastModified)],
    ['emailAddresses', emails(request, 'email')],
    ['userId', request.userId],
  ];
  return format === 'json' ? [...fields, ...identity] : [...identity, ...fields];
}

function v30(request: ReportedRequest, uri: string): Entry[] {
  return [
    ['ID', request.id],
    ['URI', uri],
    ['FirstName', request.firstName],
    ['MiddleName', request.middleName],
    ['LastName', request.lastName],
    ['LoyaltyNumber', request.loyaltyNumber],
    ['Status', request.status],
    ['RequestToken', request.requestToken],
    ['LastModified', concurTime(request.lastModified)],
  ];
}

export function requestEntries(version: ApiVersion, request: ReportedRequest, base: string, format: Format): Entry[] {
  const uri = requestUri(base, version, request.id);
  if (version === '3.2') return v32(request, uri, format);
  if (version === '3.1') return [...v30(request, uri), ['EmailAddresses', emails(request, 'Email')]];
  return v30(request, uri);
}
