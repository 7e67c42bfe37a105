/**
 * Subscription filter policies, validated and evaluated as SNS does. A policy is an object whose
 * keys must all match (`$or` takes alternatives); each leaf is a list of conditions of which one
 * must match: an exact string, number, boolean or null; `prefix`, `suffix`, `equals-ignore-case`,
 * `anything-but` (a value, a list, or a prefix/suffix), `numeric` ranges, `exists`, `cidr`.
 *
 * Scope `MessageAttributes` (the default) matches the message's attributes: String values, Number
 * values (numerically, to five decimal places), String.Array elements (any one), never Binary; a
 * message with no attributes matches no policy at all. Scope `MessageBody` matches
 * the JSON body, with nested keys; an array in the body matches when any element does.
 */
import type { MessageAttribute } from "../core/links";
import { snsErrors } from "./errors";

export type FilterPolicyScope = "MessageAttributes" | "MessageBody";
export type FilterOutcome =
  | { matched: true }
  | { matched: false; reason: "MessageAttributes" | "MessageBody" | "NoMessageAttributes" | "InvalidAttributes" | "InvalidMessageBody" };

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Policy = { [key: string]: Json };

const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;
const MAX_POLICY_BYTES = 256 * 1024;
const OPERATORS = new Set(["prefix", "suffix", "anything-but", "numeric", "exists", "equals-ignore-case", "cidr"]);
const NUMERIC_OPERATORS = new Set(["<", "<=", "=", ">", ">="]);

function fail(detail: string): never {
  throw snsErrors.invalidParameter(`FilterPolicy: ${detail}`);
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses and validates a policy for `scope`; throws InvalidParameter the way SNS words it. */
export function parseFilterPolicy(text: string, scope: FilterPolicyScope): Policy | null {
  if (text.trim() === "" || text.trim() === "{}") return null;
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) fail("Filter policy is too large");
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (error) {
    fail(`failed to parse JSON. ${(error as Error).message}`);
  }
  if (!isObject(parsed)) fail("Filter policy must be a JSON object");
  const { keys, combinations } = validateLevel(parsed, scope, 1);
  if (keys > MAX_KEYS) fail(`Filter policy can not have more than ${MAX_KEYS} keys`);
  if (combinations > MAX_COMBINATIONS) fail("Filter policy is too complex");
  return parsed;
}

/** Counts the leaf keys and value combinations of one level (and those nested in it). */
function validateLevel(policy: Policy, scope: FilterPolicyScope, depth: number): { keys: number; combinations: number } {
  let keys = 0;
  let combinations = 1;
  const entries = Object.entries(policy);
  if (entries.length === 0) fail("Filter policy can not be empty");
  for (const [key, value] of entries) {
    if (key === "$or") {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
        fail('"$or" must be an array of at least two objects');
      }
      let orKeys = 0;
      let orCombinations = 0;
      for (const branch of value as Policy[]) {
        const result = validateLevel(branch, scope, depth);
        orKeys = Math.max(orKeys, result.keys);
        orCombinations += result.combinations;
      }
      keys += orKeys;
      combinations *= orCombinations;
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) fail(`Empty arrays are not allowed`);
      value.forEach(validateCondition);
      keys += 1;
      combinations *= value.length;
      continue;
    }
    if (isObject(value)) {
      if (scope === "MessageAttributes") {
        throw snsErrors.invalidParameter("Filter policy scope MessageAttributes does not support nested filter policy");
      }
      const nested = validateLevel(value, scope, depth + 1);
      keys += nested.keys;
      combinations *= nested.combinations;
      continue;
    }
    fail(`"${key}" must be an object or an array`);
  }
  return { keys, combinations };
}

function validateCondition(condition: Json): void {
  if (condition === null || typeof condition === "string" || typeof condition === "boolean") return;
  if (typeof condition === "number") {
    if (Math.abs(condition) >= 1e9) fail("Numeric values must be between -1.0E9 and 1.0E9");
    return;
  }
  if (!isObject(condition)) fail("Match value must be String, number, true, false, or null");
  const ops = Object.keys(condition);
  if (ops.length !== 1) fail("Only one operator is allowed per condition");
  const op = ops[0];
  const operand = condition[op];
  if (!OPERATORS.has(op)) fail(`Unrecognized match type ${op}`);
  switch (op) {
    case "prefix":
    case "suffix":
    case "equals-ignore-case":
      if (typeof operand !== "string") fail(`${op} match pattern must be a string`);
      return;
    case "exists":
      if (typeof operand !== "boolean") fail("exists match pattern must be either true or false.");
      return;
    case "cidr":
      if (typeof operand !== "string" || !parseCidr(operand)) fail(`Malformed CIDR, ${String(operand)}`);
      return;
    case "numeric":
      validateNumeric(operand);
      return;
    case "anything-but":
      validateAnythingBut(operand);
      return;
  }
}

function validateNumeric(operand: Json): void {
  if (!Array.isArray(operand) || operand.length === 0) fail("Value of numeric must be an array.");
  const [op1, v1, op2, v2, ...rest] = operand;
  if (typeof op1 !== "string" || !NUMERIC_OPERATORS.has(op1)) fail(`Unrecognized numeric range operator: ${String(op1)}`);
  if (typeof v1 !== "number") fail(`Value of ${op1} must be numeric`);
  if (op2 === undefined) return;
  if (rest.length > 0 || (op1 !== ">" && op1 !== ">=")) fail("Too many elements in numeric expression");
  if (op2 !== "<" && op2 !== "<=") fail(`Bad numeric range operator: ${String(op2)}`);
  if (typeof v2 !== "number") fail(`Value of ${op2} must be numeric`);
  if (v2 <= v1) fail("Bottom must be less than top");
}

function validateAnythingBut(operand: Json): void {
  if (typeof operand === "string" || typeof operand === "number") return;
  if (Array.isArray(operand)) {
    if (operand.length === 0 || !operand.every((v) => typeof v === "string" || typeof v === "number")) {
      fail("Inside anything but list, start|null|boolean is not supported.");
    }
    return;
  }
  if (isObject(operand)) {
    const [op, ...more] = Object.keys(operand);
    if (more.length > 0 || !["prefix", "suffix", "equals-ignore-case"].includes(op)) {
      fail(`Unsupported anything-but pattern: ${op}`);
    }
    if (typeof operand[op] !== "string") fail(`${op} match pattern must be a string`);
    return;
  }
  fail("Value of anything-but must be an array or single string/number value.");
}

// ---- evaluation ----

/** A value as the policy sees it; `undefined` means the key is absent. */
type Candidate = string | number | boolean | null;

function conditionMatches(condition: Json, value: Candidate): boolean {
  if (!isObject(condition)) return sameValue(condition, value);
  const [op] = Object.keys(condition);
  const operand = condition[op];
  switch (op) {
    case "prefix":
      return typeof value === "string" && value.startsWith(operand as string);
    case "suffix":
      return typeof value === "string" && value.endsWith(operand as string);
    case "equals-ignore-case":
      return typeof value === "string" && value.toLowerCase() === (operand as string).toLowerCase();
    case "exists":
      return operand === true;
    case "numeric":
      return typeof value === "number" && numericMatches(operand as Json[], value);
    case "cidr":
      return typeof value === "string" && cidrContains(operand as string, value);
    case "anything-but":
      return anythingButMatches(operand, value);
    default:
      return false;
  }
}

/** SNS compares numbers to five digits after the decimal point (AWS: filter policy constraints). */
function fiveDecimals(n: number): number {
  return Math.round(n * 100_000);
}

/** Equal as SNS compares: numbers to five decimal places, everything else exactly (no type conversion). */
function sameValue(a: Json, b: Candidate): boolean {
  if (typeof a === "number" && typeof b === "number") return fiveDecimals(a) === fiveDecimals(b);
  return a === b;
}

function numericMatches(spec: Json[], value: number): boolean {
  const v = fiveDecimals(value);
  for (let i = 0; i + 1 < spec.length; i += 2) {
    const op = spec[i] as string;
    const bound = fiveDecimals(spec[i + 1] as number);
    const ok = op === "<" ? v < bound : op === "<=" ? v <= bound : op === "=" ? v === bound : op === ">" ? v > bound : v >= bound;
    if (!ok) return false;
  }
  return true;
}

function anythingButMatches(operand: Json, value: Candidate): boolean {
  if (value === null) return false;
  if (Array.isArray(operand)) return !operand.some((v) => sameValue(v, value));
  if (isObject(operand)) {
    if (typeof value !== "string") return true;
    const [op] = Object.keys(operand);
    const pattern = operand[op] as string;
    if (op === "prefix") return !value.startsWith(pattern);
    if (op === "suffix") return !value.endsWith(pattern);
    return value.toLowerCase() !== pattern.toLowerCase();
  }
  return !sameValue(operand, value);
}

/** One key's conditions against the values found for it (none when the key is absent). */
function leafMatches(conditions: Json[], values: Candidate[] | undefined): boolean {
  if (values === undefined) {
    return conditions.some((c) => isObject(c) && Object.keys(c)[0] === "exists" && c.exists === false);
  }
  return conditions.some((condition) => {
    // AWS: `exists: true` needs a value that is neither null nor empty.
    if (isObject(condition) && Object.keys(condition)[0] === "exists") return condition.exists === true && values.some((v) => v !== null && v !== "");
    return values.some((v) => conditionMatches(condition, v));
  });
}

function matchLevel(policy: Policy, lookup: (key: string) => Candidate[] | undefined, nested: (key: string) => ((p: Policy) => boolean) | undefined): boolean {
  return Object.entries(policy).every(([key, rule]) => {
    if (key === "$or") return (rule as Policy[]).some((branch) => matchLevel(branch, lookup, nested));
    if (Array.isArray(rule)) return leafMatches(rule, lookup(key));
    const child = nested(key);
    return child !== undefined && child(rule as Policy);
  });
}

/** The values a message attribute offers to a policy, or "invalid" for a malformed String.Array. */
function attributeValues(attribute: MessageAttribute): Candidate[] | "invalid" {
  const type = attribute.DataType.split(".")[0];
  if (attribute.DataType === "String.Array") {
    try {
      const parsed = JSON.parse(attribute.StringValue ?? "") as unknown;
      if (!Array.isArray(parsed)) return "invalid";
      return parsed.filter((v): v is Candidate => v === null || ["string", "number", "boolean"].includes(typeof v));
    } catch {
      return "invalid";
    }
  }
  if (type === "Number") {
    const n = Number(attribute.StringValue);
    return Number.isFinite(n) ? [n] : "invalid";
  }
  if (type === "String") return [attribute.StringValue ?? ""];
  return [];
}

export function matchMessageAttributes(policy: Policy, attributes: Record<string, MessageAttribute>): FilterOutcome {
  // AWS: a message without attributes matches no policy, not even `exists: false`.
  if (Object.keys(attributes).length === 0) return { matched: false, reason: "NoMessageAttributes" };
  let invalid = false;
  const lookup = (key: string): Candidate[] | undefined => {
    const attribute = attributes[key];
    if (!attribute) return undefined;
    const values = attributeValues(attribute);
    if (values === "invalid") {
      invalid = true;
      return [];
    }
    return values;
  };
  const matched = matchLevel(policy, lookup, () => undefined);
  if (matched) return { matched: true };
  return { matched: false, reason: invalid ? "InvalidAttributes" : "MessageAttributes" };
}

function bodyValues(value: unknown): Candidate[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Candidate => v === null || ["string", "number", "boolean"].includes(typeof v));
}

function matchObject(policy: Policy, objects: Array<Record<string, unknown>>): boolean {
  return objects.some((object) =>
    matchLevel(
      policy,
      (key) => bodyValues(object[key]),
      (key) => {
        const child = object[key];
        const children = (Array.isArray(child) ? child : [child]).filter(
          (c): c is Record<string, unknown> => typeof c === "object" && c !== null && !Array.isArray(c),
        );
        return children.length > 0 ? (p: Policy) => matchObject(p, children) : undefined;
      },
    ),
  );
}

export function matchMessageBody(policy: Policy, body: string): FilterOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { matched: false, reason: "InvalidMessageBody" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { matched: false, reason: "InvalidMessageBody" };
  }
  return matchObject(policy, [parsed as Record<string, unknown>]) ? { matched: true } : { matched: false, reason: "MessageBody" };
}

export function evaluateFilterPolicy(
  policy: Policy | null,
  scope: FilterPolicyScope,
  message: { body: string; attributes: Record<string, MessageAttribute> },
): FilterOutcome {
  if (!policy) return { matched: true };
  return scope === "MessageBody" ? matchMessageBody(policy, message.body) : matchMessageAttributes(policy, message.attributes);
}

export type ParsedFilterPolicy = Policy;

// ---- CIDR ----

function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function parseCidr(text: string): { base: number; bits: number } | undefined {
  const [address, bitsText] = text.split("/");
  const base = parseIpv4(address);
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  return { base, bits };
}

function cidrContains(cidr: string, address: string): boolean {
  const range = parseCidr(cidr);
  const ip = parseIpv4(address);
  if (!range || ip === undefined) return false;
  const size = 2 ** (32 - range.bits);
  return Math.floor(ip / size) === Math.floor(range.base / size);
}
