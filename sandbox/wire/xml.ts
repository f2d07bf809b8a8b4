import type { Entry } from './fields';

/** XML the way Concur's .NET serializer writes it: no declaration, `xsi:nil` for null. */

export const XML_NAMESPACES =
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<name>value</name>`, or the .NET serializer's `<name xsi:nil="true" />` for null. */
export function xmlElement(name: string, value: string | null): string {
  return value === null ? `<${name} xsi:nil="true" />` : `<${name}>${escapeXml(value)}</${name}>`;
}

export function entriesXml(entries: readonly Entry[]): string {
  return entries
    .map(([name, value]) =>
      typeof value === 'string' || value === null ? xmlElement(name, value) : `<${name}>${entriesXml(value)}</${name}>`,
    )
    .join('');
}

/** A document root carries the namespace declarations; nested elements do not. */
export function rootXml(name: string, inner: string): string {
  return `<${name} ${XML_NAMESPACES}>${inner}</${name}>`;
}

/** The text of the first `<name>` element, whatever its case; enough for a PUT body's `<Status>`. */
export function readXmlElement(xml: string, name: string): string | null {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`, 'i').exec(xml);
  return match?.[1]?.trim() ?? null;
}
