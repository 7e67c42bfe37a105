/**
 * A small XML writer for the query protocol's responses. Values map to elements by name; lists
 * and maps follow the shapes AWS uses, chosen per element name:
 *   - a list is wrapped (`<Name><member>…</member></Name>`) unless its name is in `flattened`,
 *     then each item repeats `<Name>…</Name>` (SQS's `<Message>`, `<Attribute>`);
 *   - an `XmlMap` is `<Name><entry><key>k</key><value>v</value></entry></Name>` with the key and
 *     value element names and flattening of its own.
 */

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#xD;");
}

export class XmlMap {
  constructor(
    readonly entries: Record<string, unknown>,
    readonly options: { keyName?: string; valueName?: string; flattened?: boolean; entryName?: string } = {},
  ) {}
}

export interface XmlShape {
  /** Element names whose lists repeat the element instead of wrapping items in `<member>`. */
  flattened?: ReadonlySet<string>;
  /** Item element name per list element name when it is not `member`. */
  memberName?: Readonly<Record<string, string>>;
}

export function xmlElement(name: string, value: unknown, shape: XmlShape = {}): string {
  if (value === undefined || value === null) return "";
  if (value instanceof XmlMap) {
    const { keyName = "key", valueName = "value", flattened = false, entryName = "entry" } = value.options;
    const entries = Object.entries(value.entries)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${flattened ? name : entryName}>${xmlElement(keyName, k, shape)}${xmlElement(valueName, v, shape)}</${flattened ? name : entryName}>`)
      .join("");
    return flattened ? entries : `<${name}>${entries}</${name}>`;
  }
  if (Array.isArray(value)) {
    if (shape.flattened?.has(name)) return value.map((item) => xmlElement(name, item, shape)).join("");
    const member = shape.memberName?.[name] ?? "member";
    return `<${name}>${value.map((item) => xmlElement(member, item, shape)).join("")}</${name}>`;
  }
  return `<${name}>${xmlContent(value, shape)}</${name}>`;
}

export function xmlContent(value: unknown, shape: XmlShape = {}): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return escapeXml(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => xmlElement(k, v, shape))
      .join("");
  }
  return escapeXml(String(value));
}
