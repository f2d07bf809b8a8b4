import type { StoredRequest } from './store';

/** Concur's v3.2 wire shapes, in Concur's own key and element order. */

const EMAIL_SLOTS = ['email1', 'email2', 'email3', 'email4', 'email5'] as const;

export function requestUri(publicBase: string, id: string): string {
  return `${publicBase}/api/v3.2/common/connectionrequests/${id}`;
}

export function toJsonV32(request: StoredRequest, publicBase: string) {
  return {
    firstName: request.firstName,
    middleName: request.middleName,
    lastName: request.lastName,
    loyaltyNumber: request.loyaltyNumber,
    status: request.status,
    requestToken: request.requestToken,
    lastModified: request.lastModified,
    emailAddresses: Object.fromEntries(EMAIL_SLOTS.map((slot, i) => [slot, request.emails[i] ?? null])),
    userId: request.userId,
    ID: request.id,
    URI: requestUri(publicBase, request.id),
  };
}

const XML_NAMESPACES =
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<name>value</name>`, or the .NET serializer's `<name xsi:nil="true" />` for null. */
export function xmlElement(name: string, value: string | null): string {
  return value === null ? `<${name} xsi:nil="true" />` : `<${name}>${escapeXml(value)}</${name}>`;
}

function itemXmlV32(request: StoredRequest, publicBase: string): string {
  const emails = EMAIL_SLOTS.map((slot, i) => xmlElement(slot, request.emails[i] ?? null)).join('');
  return [
    xmlElement('ID', request.id),
    xmlElement('URI', requestUri(publicBase, request.id)),
    xmlElement('firstName', request.firstName),
    xmlElement('middleName', request.middleName),
    xmlElement('lastName', request.lastName),
    xmlElement('loyaltyNumber', request.loyaltyNumber),
    xmlElement('status', request.status),
    xmlElement('requestToken', request.requestToken),
    xmlElement('lastModified', request.lastModified),
    `<emailAddresses>${emails}</emailAddresses>`,
    xmlElement('userId', request.userId),
  ].join('');
}

export function listXmlV32(items: StoredRequest[], nextPage: string | null, publicBase: string): string {
  const body = items.map((item) => `<ConnectionRequest>${itemXmlV32(item, publicBase)}</ConnectionRequest>`).join('');
  return `<ConnectionRequests ${XML_NAMESPACES}><Items>${body}</Items>${xmlElement('NextPage', nextPage)}</ConnectionRequests>`;
}

export function errorXml(message: string, serverTime: string, id: string): string {
  return `<Error>${xmlElement('Message', message)}${xmlElement('Server-Time', serverTime)}${xmlElement('Id', id)}</Error>`;
}
