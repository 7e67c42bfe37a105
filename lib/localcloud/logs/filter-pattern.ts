/**
 * CloudWatch Logs filter patterns (FilterLogEvents; the syntax metric and subscription filters
 * share), compiled once into a predicate over a message. Pure: no state, no HTTP.
 *
 * - Terms: `ERROR Exception` (all), `?ERROR ?WARN` (any), `-DEBUG` (none), `"exact phrase"`,
 *   `%regex%` (AWS's subset: no `(…)` groups). Terms match case-sensitively anywhere in the message.
 * - JSON: `{ $.level = "ERROR" }`, `{ $.count > 5 }`, `{ $.user.id != 7 }`, `&&`, `||`,
 *   parentheses, `*` wildcards in strings, `IS TRUE` / `IS FALSE` / `IS NULL`, `NOT EXISTS`,
 *   `$.list[0]`. The JSON is the whole message or, as for Lambda's text lines, what follows
 *   its first `{`.
 * - Space-delimited: `[ip, user, ..., status = 4*, bytes > 1000]`; quoted and bracketed fields
 *   count as one field; one `...` stands for any number of fields.
 */
import { logsErrors } from "./errors";

export type MessagePredicate = (message: string) => boolean;

export function compileFilterPattern(pattern: string | undefined): MessagePredicate {
  const text = (pattern ?? "").trim();
  if (text === "") return () => true;
  if (text.startsWith("{")) {
    if (!text.endsWith("}")) throw logsErrors.invalidParameter("If a filter pattern starts with '{' it must end with '}'");
    return compileJson(text.slice(1, -1));
  }
  if (text.startsWith("[")) {
    if (!text.endsWith("]")) throw logsErrors.invalidParameter("Invalid filter pattern");
    return compileDelimited(text.slice(1, -1));
  }
  return compileTerms(text);
}

// ----- terms -----

function compileTerms(text: string): MessagePredicate {
  const all: MessagePredicate[] = [];
  const any: MessagePredicate[] = [];
  const none: MessagePredicate[] = [];
  const tokens = text.match(/[?-]?"(?:[^"\\]|\\.)*"|[?-]?%[^%]*%|\S+/g) ?? [];
  for (const token of tokens) {
    const sign = token[0] === "?" || token[0] === "-" ? token[0] : "";
    const body = sign ? token.slice(1) : token;
    if (body === "") throw logsErrors.invalidParameter(`Invalid character(s) in term '${token}'`);
    const matcher = termMatcher(body);
    (sign === "?" ? any : sign === "-" ? none : all).push(matcher);
  }
  return (message) =>
    all.every((m) => m(message)) && (any.length === 0 || any.some((m) => m(message))) && !none.some((m) => m(message));
}

function termMatcher(body: string): MessagePredicate {
  if (body.length >= 2 && body.startsWith("%") && body.endsWith("%")) {
    const regex = compileRegex(body.slice(1, -1));
    return (message) => regex.test(message);
  }
  const term = body.startsWith('"') && body.endsWith('"') && body.length >= 2 ? unquote(body) : body;
  return (message) => message.includes(term);
}

/** AWS's `%regex%`: letters, digits, `:_#=@/;,-`, the operators `^$?[]{}|\*+.` and spaces; no groups. */
const AWS_REGEX = /^[A-Za-z0-9:_#=@/;,\- ^$?[\]{}|\\*+.]*$/;

function compileRegex(source: string): RegExp {
  if (!AWS_REGEX.test(source)) throw logsErrors.invalidParameter("Invalid filter pattern");
  try {
    return new RegExp(source);
  } catch {
    throw logsErrors.invalidParameter("Invalid filter pattern");
  }
}

function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(.)/g, "$1");
}

// ----- values (JSON and space-delimited comparisons) -----

type Operator = "=" | "!=" | "<" | "<=" | ">" | ">=";

type Expected =
  | { kind: "number"; value: number }
  | { kind: "string"; regex: RegExp }
  | { kind: "regex"; regex: RegExp };

function wildcard(text: string): RegExp {
  return new RegExp(`^${text.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s");
}

function expectedOf(raw: string): Expected {
  if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) return { kind: "string", regex: wildcard(unquote(raw)) };
  if (raw.length >= 2 && raw.startsWith("%") && raw.endsWith("%")) return { kind: "regex", regex: compileRegex(raw.slice(1, -1)) };
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) return { kind: "number", value: Number(raw) };
  return { kind: "string", regex: wildcard(raw) };
}

/** Compares one field's value (JSON value, or a delimited field's text) with the pattern's value. */
function compare(actual: unknown, operator: Operator, expected: Expected): boolean {
  if (actual === undefined || actual === null || typeof actual === "object") return false;
  if (expected.kind === "number") {
    const value = typeof actual === "number" ? actual : typeof actual === "string" && actual.trim() !== "" ? Number(actual) : NaN;
    if (Number.isNaN(value)) return operator === "!=";
    switch (operator) {
      case "=": return value === expected.value;
      case "!=": return value !== expected.value;
      case "<": return value < expected.value;
      case "<=": return value <= expected.value;
      case ">": return value > expected.value;
      case ">=": return value >= expected.value;
    }
  }
  if (operator !== "=" && operator !== "!=") throw logsErrors.invalidParameter("Invalid filter pattern");
  const matched = expected.regex.test(String(actual));
  return operator === "=" ? matched : !matched;
}

// ----- JSON -----

type JsonTest = (document: unknown) => boolean;

function compileJson(body: string): MessagePredicate {
  const parser = new ExpressionParser(tokenizeJson(body));
  const test = parser.parse();
  return (message) => {
    const document = parseJsonMessage(message);
    return document !== undefined && test(document);
  };
}

function parseJsonMessage(message: string): unknown {
  const start = message.indexOf("{");
  if (start === -1) return undefined;
  for (const candidate of start === 0 ? [message] : [message, message.slice(start)]) {
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (parsed !== null && typeof parsed === "object") return parsed;
    } catch {
      // not JSON from here
    }
  }
  return undefined;
}

const JSON_TOKEN = /\s*(\(|\)|&&|\|\||!=|<=|>=|=|<|>|"(?:[^"\\]|\\.)*"|%[^%]*%|\$[^\s=!<>()&|]*|[^\s=!<>()&|"]+)/y;

function tokenizeJson(body: string): string[] {
  const tokens: string[] = [];
  JSON_TOKEN.lastIndex = 0;
  let index = 0;
  while (index < body.length) {
    if (/^\s*$/.test(body.slice(index))) break;
    JSON_TOKEN.lastIndex = index;
    const match = JSON_TOKEN.exec(body);
    if (!match) throw logsErrors.invalidParameter("Invalid filter pattern");
    tokens.push(match[1]);
    index = JSON_TOKEN.lastIndex;
  }
  return tokens;
}

class ExpressionParser {
  private index = 0;
  constructor(private readonly tokens: string[]) {}

  parse(): JsonTest {
    const test = this.or();
    if (this.index !== this.tokens.length) throw logsErrors.invalidParameter("Invalid filter pattern");
    return test;
  }

  private peek(): string | undefined {
    return this.tokens[this.index];
  }

  private next(): string {
    const token = this.tokens[this.index++];
    if (token === undefined) throw logsErrors.invalidParameter("Invalid filter pattern");
    return token;
  }

  private or(): JsonTest {
    const parts = [this.and()];
    while (this.peek() === "||") {
      this.index += 1;
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0] : (d) => parts.some((p) => p(d));
  }

  private and(): JsonTest {
    const parts = [this.unary()];
    while (this.peek() === "&&") {
      this.index += 1;
      parts.push(this.unary());
    }
    return parts.length === 1 ? parts[0] : (d) => parts.every((p) => p(d));
  }

  private unary(): JsonTest {
    if (this.peek() === "(") {
      this.index += 1;
      const inner = this.or();
      if (this.next() !== ")") throw logsErrors.invalidParameter("Invalid filter pattern");
      return inner;
    }
    const selector = this.next();
    if (!selector.startsWith("$")) throw logsErrors.invalidParameter("Invalid filter pattern");
    const path = parseSelector(selector);
    const word = this.peek()?.toUpperCase();
    if (word === "IS") {
      this.index += 1;
      const what = this.next().toUpperCase();
      if (what === "TRUE") return (d) => select(d, path) === true;
      if (what === "FALSE") return (d) => select(d, path) === false;
      if (what === "NULL") return (d) => select(d, path) === null;
      throw logsErrors.invalidParameter("Invalid filter pattern");
    }
    if (word === "NOT") {
      this.index += 1;
      if (this.next().toUpperCase() !== "EXISTS") throw logsErrors.invalidParameter("Invalid filter pattern");
      return (d) => select(d, path) === undefined;
    }
    if (word === "EXISTS") {
      this.index += 1;
      return (d) => select(d, path) !== undefined;
    }
    const operator = this.next();
    if (!isOperator(operator)) throw logsErrors.invalidParameter("Invalid filter pattern");
    const expected = expectedOf(this.next());
    return (d) => compare(select(d, path), operator, expected);
  }
}

function isOperator(token: string): token is Operator {
  return token === "=" || token === "!=" || token === "<" || token === "<=" || token === ">" || token === ">=";
}

/** `$.a.b[0].c` → ["a", "b", 0, "c"]. */
function parseSelector(selector: string): Array<string | number> {
  const path: Array<string | number> = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]/g;
  const rest = selector.slice(1);
  let consumed = 0;
  for (let match = re.exec(rest); match; match = re.exec(rest)) {
    if (match.index !== consumed) throw logsErrors.invalidParameter("Invalid filter pattern");
    path.push(match[1] !== undefined ? match[1] : Number(match[2]));
    consumed = re.lastIndex;
  }
  if (consumed !== rest.length || path.length === 0) throw logsErrors.invalidParameter("Invalid filter pattern");
  return path;
}

function select(document: unknown, path: Array<string | number>): unknown {
  let current: unknown = document;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    if (typeof step === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

// ----- space-delimited -----

interface DelimitedField {
  ellipsis: boolean;
  test?: (value: string) => boolean;
}

function compileDelimited(body: string): MessagePredicate {
  const fields: DelimitedField[] = splitTopLevel(body, ",").map((raw) => {
    const field = raw.trim();
    if (field === "...") return { ellipsis: true };
    if (field === "") throw logsErrors.invalidParameter("Invalid filter pattern");
    const alternatives = field.split("||").map((alt) =>
      alt.split("&&").map((part) => {
        const match = /^\s*([A-Za-z0-9_$.-]*)\s*(!=|<=|>=|=|<|>)\s*(.+?)\s*$/.exec(part);
        if (!match) {
          if (/^[A-Za-z0-9_$.-]+$/.test(part.trim())) return () => true;
          throw logsErrors.invalidParameter("Invalid filter pattern");
        }
        const operator = match[2] as Operator;
        const expected = expectedOf(match[3]);
        return (value: string) => compare(value, operator, expected);
      }),
    );
    return { ellipsis: false, test: (value: string) => alternatives.some((all) => all.every((t) => t(value))) };
  });
  const ellipses = fields.filter((f) => f.ellipsis).length;
  if (ellipses > 1) throw logsErrors.invalidParameter("Invalid filter pattern");
  return (message) => {
    const values = splitMessageFields(message);
    if (ellipses === 0) return values.length === fields.length && fields.every((f, i) => f.test?.(values[i]) ?? true);
    const at = fields.findIndex((f) => f.ellipsis);
    const before = fields.slice(0, at);
    const after = fields.slice(at + 1);
    if (values.length < before.length + after.length) return false;
    const tail = values.slice(values.length - after.length);
    return before.every((f, i) => f.test?.(values[i]) ?? true) && after.every((f, i) => f.test?.(tail[i]) ?? true);
  };
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== "\\") quoted = !quoted;
    else if (!quoted && c === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A message's space-delimited fields; `"…"` and `[…]` are one field each (without their delimiters). */
function splitMessageFields(message: string): string[] {
  const fields: string[] = [];
  const re = /"([^"]*)"|\[([^\]]*)\]|(\S+)/g;
  for (let match = re.exec(message); match; match = re.exec(message)) fields.push(match[1] ?? match[2] ?? match[3]);
  return fields;
}
