/**
 * The digests SQS returns: MD5 of the body, and MD5 of message (or system) attributes computed the
 * way SQS documents it: attributes sorted by name, each encoded as length-prefixed name, data type,
 * a transport byte (1 string/number, 2 binary) and length-prefixed value.
 */
import { createHash, hash } from "node:crypto";
import type { MessageAttribute } from "../../core/links";

export function md5Hex(text: string): string {
  return hash("md5", text, "hex");
}

export function sha256Hex(text: string): string {
  return hash("sha256", text, "hex");
}

function lengthPrefixed(bytes: Buffer): Buffer[] {
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(bytes.length, 0);
  return [length, bytes];
}

/** MD5 of a set of message attributes, or undefined when there are none. */
export function md5OfAttributes(attributes: Record<string, MessageAttribute> | undefined): string | undefined {
  if (!attributes) return undefined;
  const names = Object.keys(attributes);
  if (names.length === 0) return undefined;
  names.sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
  const hash = createHash("md5");
  for (const name of names) {
    const attribute = attributes[name];
    const parts = [...lengthPrefixed(Buffer.from(name, "utf8")), ...lengthPrefixed(Buffer.from(attribute.DataType, "utf8"))];
    if (attribute.BinaryValue !== undefined) {
      parts.push(Buffer.from([2]), ...lengthPrefixed(Buffer.from(attribute.BinaryValue, "base64")));
    } else {
      parts.push(Buffer.from([1]), ...lengthPrefixed(Buffer.from(attribute.StringValue ?? "", "utf8")));
    }
    for (const part of parts) hash.update(part);
  }
  return hash.digest("hex");
}
