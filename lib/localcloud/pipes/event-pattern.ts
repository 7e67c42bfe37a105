/**
 * EventBridge event patterns, as Pipes' FilterCriteria (and Lambda's event filtering) apply them.
 * A pure module with no local cloud dependency, so the lab UI can predict what a filter lets
 * through. `parseEventPattern` validates a pattern's text; `matchesEventPattern` tests one event.
 *
 * Supported: exact values (strings, numbers, booleans, null), `prefix`, `suffix`,
 * `equals-ignore-case` (also inside prefix/suffix), `anything-but` (values, prefix, suffix,
 * equals-ignore-case), `numeric` ranges, `exists`, `wildcard`, and `$or`. As on AWS:
 *   - a field missing from the event matches only `{"exists": false}`;
 *   - a value that is an array matches when any element matches;
 *   - `numeric` matches JSON numbers only (a string such as DynamoDB's `{"N": "10"}` never does);
 *   - exact strings never match numbers and the reverse ("10" is not 10);
 *   - `exists` looks at leaf values only (an object is not a leaf).
 */

export type Matcher =
  | { kind: "exact"; value: string | number | boolean | null }
  | { kind: "prefix"; value: string; ignoreCase: boolean }
  | { kind: "suffix"; value: string; ignoreCase: boolean }
  | { kind: "equalsIgnoreCase"; value: string }
  | { kind: "wildcard"; regex: RegExp }
  | { kind: "numeric"; conditions: Array<{ op: "<" | "<=" | "=" | ">=" | ">"; value: number }> }
  | { kind: "exists"; value: boolean }
  | { kind: "anythingBut"; values: Array<string | number>; prefix?: string; suffix?: string; ignoreCase: boolean };

export interface EventPattern {
  /** Per field, either the matchers for a leaf or a nested pattern. */
  fields: Record<string, Matcher[] | EventPattern>;
  /** Alternatives from `$or`: at least one must match as well as every field. */
  or: EventPattern[];
}

export class EventPatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EventPatternError";
  }
}

const NUMERIC_OPS = new Set(["<", "<=", "=", ">=", ">"]);

/** Parses and validates a pattern's JSON text. */
export function parseEventPattern(text: string): EventPattern {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new EventPatternError("Event pattern is not valid JSON.");
  }
  if (!isObject(parsed)) throw new EventPatternError("Event pattern must be a JSON object.");
  return parseObject(parsed, "");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function parseObject(node: Record<string, unknown>, path: string): EventPattern {
  const pattern: EventPattern = { fields: {}, or: [] };
  for (const [key, value] of Object.entries(node)) {
    const here = path ? `${path}.${key}` : key;
    if (key === "$or") {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
        throw new EventPatternError(`"$or" at ${path || "the top"} must be an array of at least two objects.`);
      }
      pattern.or.push(...value.map((alternative) => parseObject(alternative, path)));
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new EventPatternError(`Empty arrays are not allowed (at ${here}).`);
      pattern.fields[key] = value.map((item) => parseMatcher(item, here));
    } else if (isObject(value)) {
      pattern.fields[key] = parseObject(value, here);
    } else {
      throw new EventPatternError(`Match value at ${here} must be an array or an object.`);
    }
  }
  return pattern;
}

function parseMatcher(item: unknown, path: string): Matcher {
  if (item === null || typeof item === "string" || typeof item === "number" || typeof item === "boolean") {
    return { kind: "exact", value: item };
  }
  if (!isObject(item)) throw new EventPatternError(`Unsupported match value at ${path}.`);
  const entries = Object.entries(item);
  if (entries.length !== 1) throw new EventPatternError(`A match object at ${path} must have exactly one key.`);
  const [operator, operand] = entries[0];
  switch (operator) {
    case "prefix":
    case "suffix": {
      if (typeof operand === "string") return { kind: operator, value: operand, ignoreCase: false };
      if (isObject(operand) && typeof operand["equals-ignore-case"] === "string" && Object.keys(operand).length === 1) {
        return { kind: operator, value: operand["equals-ignore-case"] as string, ignoreCase: true };
      }
      throw new EventPatternError(`"${operator}" at ${path} must be a string.`);
    }
    case "equals-ignore-case":
      if (typeof operand !== "string") throw new EventPatternError(`"equals-ignore-case" at ${path} must be a string.`);
      return { kind: "equalsIgnoreCase", value: operand };
    case "wildcard":
      if (typeof operand !== "string") throw new EventPatternError(`"wildcard" at ${path} must be a string.`);
      return { kind: "wildcard", regex: wildcardRegex(operand) };
    case "exists":
      if (typeof operand !== "boolean") throw new EventPatternError(`"exists" at ${path} must be true or false.`);
      return { kind: "exists", value: operand };
    case "numeric":
      return { kind: "numeric", conditions: parseNumeric(operand, path) };
    case "anything-but":
      return parseAnythingBut(operand, path);
    default:
      throw new EventPatternError(`Unrecognized match type ${operator} at ${path}.`);
  }
}

function parseNumeric(operand: unknown, path: string): Array<{ op: "<" | "<=" | "=" | ">=" | ">"; value: number }> {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4) {
    throw new EventPatternError(`"numeric" at ${path} must be [op, number] or [op, number, op, number].`);
  }
  const conditions: Array<{ op: "<" | "<=" | "=" | ">=" | ">"; value: number }> = [];
  for (let i = 0; i < operand.length; i += 2) {
    const op = operand[i];
    const value = operand[i + 1];
    if (typeof op !== "string" || !NUMERIC_OPS.has(op) || typeof value !== "number" || !Number.isFinite(value)) {
      throw new EventPatternError(`"numeric" at ${path} must pair an operator (<, <=, =, >=, >) with a number.`);
    }
    conditions.push({ op: op as "<" | "<=" | "=" | ">=" | ">", value });
  }
  if (conditions.length === 2) {
    const [a, b] = conditions;
    const lower = a.op.startsWith(">") && b.op.startsWith("<");
    if (!lower || a.value > b.value) throw new EventPatternError(`"numeric" range at ${path} must be a lower bound then a higher upper bound.`);
  }
  return conditions;
}

function parseAnythingBut(operand: unknown, path: string): Matcher {
  const bad = () => new EventPatternError(`Unsupported "anything-but" value at ${path}.`);
  if (typeof operand === "string" || typeof operand === "number") return { kind: "anythingBut", values: [operand], ignoreCase: false };
  if (Array.isArray(operand)) {
    if (operand.length === 0 || !operand.every((v) => typeof v === "string" || typeof v === "number")) throw bad();
    return { kind: "anythingBut", values: operand as Array<string | number>, ignoreCase: false };
  }
  if (isObject(operand) && Object.keys(operand).length === 1) {
    if (typeof operand.prefix === "string") return { kind: "anythingBut", values: [], prefix: operand.prefix, ignoreCase: false };
    if (typeof operand.suffix === "string") return { kind: "anythingBut", values: [], suffix: operand.suffix, ignoreCase: false };
    const ignoring = operand["equals-ignore-case"];
    if (typeof ignoring === "string") return { kind: "anythingBut", values: [ignoring], ignoreCase: true };
    if (Array.isArray(ignoring) && ignoring.length > 0 && ignoring.every((v) => typeof v === "string")) {
      return { kind: "anythingBut", values: ignoring as string[], ignoreCase: true };
    }
  }
  throw bad();
}

function wildcardRegex(text: string): RegExp {
  const escaped = text.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "s");
}

/** True when the event matches the pattern. */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(pattern, event);
}

/** True when any of the filters matches (no filters: everything matches), as FilterCriteria do. */
export function matchesAnyPattern(patterns: EventPattern[], event: unknown): boolean {
  return patterns.length === 0 || patterns.some((p) => matchesEventPattern(p, event));
}

function matchObject(pattern: EventPattern, node: unknown): boolean {
  for (const [key, expected] of Object.entries(pattern.fields)) {
    const value = isObject(node) ? node[key] : undefined;
    if (Array.isArray(expected)) {
      if (!matchLeaf(expected, value)) return false;
    } else if (!matchNested(expected, value)) {
      return false;
    }
  }
  return pattern.or.length === 0 || pattern.or.some((alternative) => matchObject(alternative, node));
}

function matchNested(pattern: EventPattern, value: unknown): boolean {
  if (Array.isArray(value)) return value.some((element) => matchObject(pattern, element));
  return matchObject(pattern, isObject(value) ? value : undefined);
}

function matchLeaf(matchers: Matcher[], value: unknown): boolean {
  const leaves = Array.isArray(value) ? value.filter((v) => !isObject(v) && !Array.isArray(v)) : value === undefined || isObject(value) ? [] : [value];
  return matchers.some((matcher) => {
    if (matcher.kind === "exists") return matcher.value === leaves.length > 0;
    return leaves.some((leaf) => matchValue(matcher, leaf));
  });
}

function matchValue(matcher: Exclude<Matcher, { kind: "exists" }>, value: unknown): boolean {
  switch (matcher.kind) {
    case "exact":
      if (typeof matcher.value === "number") return typeof value === "number" && value === matcher.value;
      return value === matcher.value;
    case "prefix":
      return typeof value === "string" && (matcher.ignoreCase ? value.toLowerCase().startsWith(matcher.value.toLowerCase()) : value.startsWith(matcher.value));
    case "suffix":
      return typeof value === "string" && (matcher.ignoreCase ? value.toLowerCase().endsWith(matcher.value.toLowerCase()) : value.endsWith(matcher.value));
    case "equalsIgnoreCase":
      return typeof value === "string" && value.toLowerCase() === matcher.value.toLowerCase();
    case "wildcard":
      return typeof value === "string" && matcher.regex.test(value);
    case "numeric":
      return typeof value === "number" && matcher.conditions.every((c) => compare(value, c.op, c.value));
    case "anythingBut": {
      if (matcher.prefix !== undefined) return typeof value === "string" && !value.startsWith(matcher.prefix);
      if (matcher.suffix !== undefined) return typeof value === "string" && !value.endsWith(matcher.suffix);
      if (matcher.ignoreCase) return typeof value === "string" && !matcher.values.some((v) => String(v).toLowerCase() === value.toLowerCase());
      return typeof value === "boolean" || value === null || !matcher.values.some((v) => v === value);
    }
  }
}

function compare(value: number, op: "<" | "<=" | "=" | ">=" | ">", bound: number): boolean {
  switch (op) {
    case "<":
      return value < bound;
    case "<=":
      return value <= bound;
    case "=":
      return value === bound;
    case ">=":
      return value >= bound;
    case ">":
      return value > bound;
  }
}
