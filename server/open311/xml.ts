/**
 * A small XML writer for GeoReport v2 documents: the same values the JSON carries, written as
 * elements. An array is an element holding one child per item, named by `itemNames` (GeoReport's
 * own names: `services` → `service`, `attributes` → `attribute`…); null is an empty element.
 */

/** A JSON-like value; objects are read by their own keys (interfaces of shared/open311 included). */
export type XmlValue = string | number | boolean | null | undefined | readonly XmlValue[] | object;

/** The element name of each item of an array, by the array's element name. */
export const itemNames: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

/** Characters XML 1.0 cannot carry at all, even escaped (control characters but tab, LF, CR; lone surrogates; U+FFFE/FFFF). */
// eslint-disable-next-line no-control-regex -- these are exactly the characters being removed
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as element content: markup characters escaped, characters XML cannot hold dropped. */
export function escapeXml(text: string): string {
  return text.replace(notXmlChar, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`no item name for the array <${name}>`);
    return `<${name}>${value.map((entry: XmlValue) => element(item, entry)).join('')}</${name}>`;
  }
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([key, child]) => element(key, child as XmlValue)).join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document, with the declaration the spec requires (UTF-8). */
export function toXmlDocument(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}
