/**
 * DynamoDB attribute values as JSON and as plain values (pure: server and browser). A stream
 * carries typed values (`{"N": "25000"}`); what a handler's code usually wants is the plain value.
 */
import type { AttributeJson, ItemJson } from "./stream-views";

type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

/** What the SDK hands back for one attribute (binary as bytes), or the same as JSON already. */
export interface SdkAttributeValue {
  S?: string;
  N?: string;
  B?: Uint8Array | string;
  BOOL?: boolean;
  NULL?: boolean;
  SS?: string[];
  NS?: string[];
  BS?: Array<Uint8Array | string>;
  L?: SdkAttributeValue[];
  M?: Record<string, SdkAttributeValue>;
}

function base64(value: Uint8Array | string): string {
  if (typeof value === "string") return value;
  let binary = "";
  for (const byte of value) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function attributeJson(value: SdkAttributeValue): AttributeJson {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: true };
  if (value.SS !== undefined) return { SS: [...value.SS] };
  if (value.NS !== undefined) return { NS: [...value.NS] };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(attributeJson) };
  if (value.M !== undefined) return { M: itemJson(value.M) };
  return { NULL: true };
}

export function itemJson(item: Record<string, SdkAttributeValue>): ItemJson {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, attributeJson(value)]));
}

/** "012.500" → "12.5", "-0.0" → "-0": a decimal's digits without the zeros that say nothing. */
function canonicalDecimal(text: string): string {
  let out = text.trim().replace(/^(-?)0+(?=\d)/, "$1");
  if (out.includes(".")) out = out.replace(/0+$/, "").replace(/\.$/, "");
  return out;
}

/** A number attribute as a JavaScript number when that loses no digit, else its exact text. */
function plainNumber(text: string): number | string {
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  const canonical = canonicalDecimal(text);
  return String(value) === canonical || (value === 0 && /^-?0$/.test(canonical)) ? value : text;
}

export function plainValue(value: AttributeJson): PlainValue {
  if ("S" in value) return value.S;
  if ("N" in value) return plainNumber(value.N);
  if ("B" in value) return value.B;
  if ("BOOL" in value) return value.BOOL;
  if ("NULL" in value) return null;
  if ("SS" in value) return value.SS;
  if ("NS" in value) return value.NS.map(plainNumber);
  if ("BS" in value) return value.BS;
  if ("L" in value) return value.L.map(plainValue);
  return plainItem(value.M);
}

export function plainItem(item: ItemJson): { [key: string]: PlainValue } {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, plainValue(value)]));
}

/** The attributes whose values differ between two images (added, removed or changed). */
export function changedAttributes(oldImage: ItemJson | undefined, newImage: ItemJson | undefined): string[] {
  const names = new Set([...Object.keys(oldImage ?? {}), ...Object.keys(newImage ?? {})]);
  return [...names].filter((name) => JSON.stringify(oldImage?.[name]) !== JSON.stringify(newImage?.[name])).sort();
}
