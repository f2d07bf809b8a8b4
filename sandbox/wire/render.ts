import { type ApiVersion, type Entry, type Format, type ReportedRequest, requestEntries, requestUri } from './fields';
import { entriesXml, rootXml, xmlElement } from './xml';

/** Whole response bodies in Concur's shapes, for either format and any API version. */

type Json = string | null | { [key: string]: Json } | Json[];

function entriesJson(entries: readonly Entry[]): { [key: string]: Json } {
  return Object.fromEntries(
    entries.map(([name, value]) => [name, typeof value === 'string' || value === null ? value : entriesJson(value)]),
  );
}

export function renderList(
  format: Format,
  version: ApiVersion,
  items: ReportedRequest[],
  nextPage: string | null,
  base: string,
): string {
  if (format === 'json') {
    const jsonItems = items.map((item) => entriesJson(requestEntries(version, item, base, 'json')));
    return JSON.stringify({ Items: jsonItems, NextPage: nextPage });
  }
  const xmlItems = items
    .map((item) => `<ConnectionRequest>${entriesXml(requestEntries(version, item, base, 'xml'))}</ConnectionRequest>`)
    .join('');
  return rootXml('ConnectionRequests', `<Items>${xmlItems}</Items>${xmlElement('NextPage', nextPage)}`);
}

export function renderRequest(format: Format, version: ApiVersion, item: ReportedRequest, base: string): string {
  const entries = requestEntries(version, item, base, format);
  return format === 'json' ? JSON.stringify(entriesJson(entries)) : rootXml('ConnectionRequest', entriesXml(entries));
}

export function renderCreated(format: Format, version: ApiVersion, id: string, base: string): string {
  const entries: Entry[] = [
    ['ID', id],
    ['URI', requestUri(base, version, id)],
  ];
  return format === 'json' ? JSON.stringify(entriesJson(entries)) : rootXml('CreateResponse', entriesXml(entries));
}

/** Concur's v3 error body: Message, Server-Time (no zone) and an upper-case GUID Id. */
export function renderError(format: Format, message: string, serverTime: string, id: string): string {
  const entries: Entry[] = [
    ['Message', message],
    ['Server-Time', serverTime],
    ['Id', id],
  ];
  return format === 'json' ? JSON.stringify({ Error: entriesJson(entries) }) : `<Error>${entriesXml(entries)}</Error>`;
}
