/**
 * Logs Insights queries, for the commands a lab teaches: `fields`, `filter`, `sort`, `limit`,
 * `stats <fn>(…) [as name] by <field | bin(5m)>`, `display`. Each event's fields are the system
 * fields (@timestamp, @message, @logStream, @log, @ingestionTime) and, for a JSON message, its
 * members flattened with dots (`user.id`), as Insights discovers them. Pure: no state, no HTTP.
 */
import { logsErrors } from "./errors";

export interface QueryEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  logStream: string;
  /** `account:group`, as @log shows it. */
  log: string;
  /** Opaque pointer GetLogRecord takes. */
  ptr: string;
}

export type ResultRow = Array<{ field: string; value: string }>;

export interface QueryOutcome {
  results: ResultRow[];
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
}

type Value = string | number | boolean | null | undefined;
type Fields = Map<string, Value>;

type Expr =
  | { kind: "field"; name: string }
  | { kind: "literal"; value: Value }
  | { kind: "regex"; regex: RegExp }
  | { kind: "list"; items: Expr[] }
  | { kind: "call"; name: string; args: Expr[] }
  | { kind: "unary"; op: "not" | "-"; operand: Expr }
  | { kind: "binary"; op: string; left: Expr; right: Expr };

interface Projection {
  expr: Expr;
  name: string;
}

type Command =
  | { kind: "fields"; items: Projection[] }
  | { kind: "display"; items: Projection[] }
  | { kind: "filter"; expr: Expr }
  | { kind: "sort"; keys: Array<{ expr: Expr; desc: boolean }> }
  | { kind: "limit"; count: number }
  | { kind: "stats"; aggregates: Projection[]; groups: Projection[] };

const AGGREGATES = new Set(["count", "sum", "avg", "min", "max", "count_distinct"]);

// ----- running -----

export function runQuery(query: string, events: QueryEvent[], limit: number): QueryOutcome {
  const commands = parseQuery(query);
  let bytesScanned = 0;
  // Newest first unless the query sorts otherwise.
  const newestFirst = [...events].sort((a, b) => b.timestamp - a.timestamp);
  let rows: Fields[] = newestFirst.map((event) => {
    bytesScanned += Buffer.byteLength(event.message, "utf8");
    return fieldsOf(event);
  });
  const recordsScanned = rows.length;
  let recordsMatched = rows.length;
  let projection: string[] | null = null;
  let aggregated = false;
  let explicitLimit: number | undefined;
  for (const command of commands) {
    switch (command.kind) {
      case "filter":
        rows = rows.filter((row) => truthy(evaluate(command.expr, row)));
        if (!aggregated) recordsMatched = rows.length;
        break;
      case "fields":
      case "display": {
        const names = command.items.map((item) => item.name);
        rows = rows.map((row) => {
          const out = command.kind === "fields" ? new Map(row) : new Map<string, Value>();
          for (const item of command.items) out.set(item.name, evaluate(item.expr, row));
          if (command.kind === "display") out.set("@ptr", row.get("@ptr"));
          return out;
        });
        projection = command.kind === "fields" ? [...(projection ?? []), ...names.filter((n) => !(projection ?? []).includes(n))] : names;
        break;
      }
      case "sort":
        rows = [...rows].sort((a, b) => {
          for (const key of command.keys) {
            const order = compareValues(evaluate(key.expr, a), evaluate(key.expr, b));
            if (order !== 0) return key.desc ? -order : order;
          }
          return 0;
        });
        break;
      case "limit":
        explicitLimit = command.count;
        rows = rows.slice(0, command.count);
        break;
      case "stats":
        rows = aggregate(command, rows);
        projection = [...command.groups.map((g) => g.name), ...command.aggregates.map((a) => a.name)];
        aggregated = true;
        break;
    }
  }
  rows = rows.slice(0, Math.min(limit, explicitLimit ?? limit));
  const results = rows.map((row) => toResultRow(row, projection, aggregated));
  return { results, statistics: { recordsMatched, recordsScanned, bytesScanned } };
}

function fieldsOf(event: QueryEvent): Fields {
  const fields: Fields = new Map<string, Value>([
    ["@timestamp", event.timestamp],
    ["@message", event.message],
    ["@logStream", event.logStream],
    ["@log", event.log],
    ["@ingestionTime", event.ingestionTime],
    ["@ptr", event.ptr],
  ]);
  const json = jsonOf(event.message);
  if (json !== undefined) flatten(json, "", fields);
  return fields;
}

function jsonOf(message: string): unknown {
  const start = message.indexOf("{");
  if (start === -1) return undefined;
  try {
    const parsed: unknown = JSON.parse(message.slice(start));
    return parsed !== null && typeof parsed === "object" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function flatten(value: unknown, prefix: string, into: Fields): void {
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
    return;
  }
  if (prefix && !into.has(prefix)) into.set(prefix, value as Value);
}

const TIME_FIELDS = new Set(["@timestamp", "@ingestionTime"]);

function toResultRow(row: Fields, projection: string[] | null, aggregated: boolean): ResultRow {
  const names = projection ?? [...row.keys()].filter((n) => n !== "@ptr");
  const out: ResultRow = [];
  for (const name of names) {
    const value = row.get(name);
    if (value === undefined || value === null) continue;
    out.push({ field: name, value: TIME_FIELDS.has(name) || /^bin\(/.test(name) ? formatTime(Number(value)) : String(value) });
  }
  const ptr = row.get("@ptr");
  if (!aggregated && typeof ptr === "string") out.push({ field: "@ptr", value: ptr });
  return out;
}

/** Insights' timestamp form: `2026-12-08 01:37:01.000` (UTC). */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

function aggregate(command: Extract<Command, { kind: "stats" }>, rows: Fields[]): Fields[] {
  const groups = new Map<string, { keys: Value[]; rows: Fields[] }>();
  for (const row of rows) {
    const keys = command.groups.map((g) => evaluate(g.expr, row));
    const id = JSON.stringify(keys);
    let group = groups.get(id);
    if (!group) {
      group = { keys, rows: [] };
      groups.set(id, group);
    }
    group.rows.push(row);
  }
  if (command.groups.length === 0 && groups.size === 0) groups.set("[]", { keys: [], rows: [] });
  const out: Fields[] = [];
  for (const group of groups.values()) {
    const row: Fields = new Map();
    command.groups.forEach((g, i) => row.set(g.name, group.keys[i]));
    for (const agg of command.aggregates) row.set(agg.name, aggregateValue(agg.expr, group.rows));
    out.push(row);
  }
  const binIndex = command.groups.findIndex((g) => g.expr.kind === "call" && g.expr.name === "bin");
  if (binIndex !== -1) out.sort((a, b) => compareValues(a.get(command.groups[binIndex].name), b.get(command.groups[binIndex].name)));
  return out;
}

function aggregateValue(expr: Expr, rows: Fields[]): Value {
  if (expr.kind !== "call" || !AGGREGATES.has(expr.name)) throw logsErrors.malformedQuery("stats needs an aggregate function such as count(), sum(), avg(), min() or max().");
  const arg = expr.args[0];
  const values = arg === undefined || (arg.kind === "field" && arg.name === "*") ? rows.map(() => 1) : rows.map((r) => evaluate(arg, r)).filter((v) => v !== undefined && v !== null && v !== "");
  switch (expr.name) {
    case "count":
      return values.length;
    case "count_distinct":
      return new Set(values.map((v) => String(v))).size;
    case "sum":
      return values.reduce<number>((sum, v) => sum + Number(v), 0);
    case "avg":
      return values.length === 0 ? null : values.reduce<number>((sum, v) => sum + Number(v), 0) / values.length;
    case "min":
      return values.length === 0 ? null : Math.min(...values.map(Number));
    default:
      return values.length === 0 ? null : Math.max(...values.map(Number));
  }
}

function truthy(value: Value): boolean {
  return value !== undefined && value !== null && value !== false && value !== 0 && value !== "";
}

function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  const na = Number(a);
  const nb = Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb) && a !== "" && b !== "") return na - nb;
  return String(a) < String(b) ? -1 : 1;
}

function evaluate(expr: Expr, row: Fields): Value {
  switch (expr.kind) {
    case "field":
      return row.get(expr.name);
    case "literal":
      return expr.value;
    case "regex":
    case "list":
      throw logsErrors.malformedQuery("A regular expression or list can only follow like, =~ or in.");
    case "unary": {
      const value = evaluate(expr.operand, row);
      return expr.op === "not" ? !truthy(value) : -Number(value);
    }
    case "call":
      return callFunction(expr, row);
    case "binary":
      return binary(expr, row);
  }
}

function binary(expr: Extract<Expr, { kind: "binary" }>, row: Fields): Value {
  if (expr.op === "and") return truthy(evaluate(expr.left, row)) && truthy(evaluate(expr.right, row));
  if (expr.op === "or") return truthy(evaluate(expr.left, row)) || truthy(evaluate(expr.right, row));
  const left = evaluate(expr.left, row);
  if (expr.op === "like" || expr.op === "=~" || expr.op === "not like") {
    const matched = likeMatches(left, expr.right, row);
    return expr.op === "not like" ? !matched : matched;
  }
  if (expr.op === "in" || expr.op === "not in") {
    if (expr.right.kind !== "list") throw logsErrors.malformedQuery("in needs a list such as [\"a\", \"b\"].");
    const found = expr.right.items.some((item) => looselyEqual(left, evaluate(item, row)));
    return expr.op === "in" ? found : !found;
  }
  const right = evaluate(expr.right, row);
  switch (expr.op) {
    case "=":
      return looselyEqual(left, right);
    case "!=":
      return !looselyEqual(left, right);
    case "<":
      return left !== undefined && left !== null && compareValues(left, right) < 0;
    case "<=":
      return left !== undefined && left !== null && compareValues(left, right) <= 0;
    case ">":
      return left !== undefined && left !== null && compareValues(left, right) > 0;
    case ">=":
      return left !== undefined && left !== null && compareValues(left, right) >= 0;
    case "+":
      return Number(left) + Number(right);
    case "-":
      return Number(left) - Number(right);
    case "*":
      return Number(left) * Number(right);
    case "/":
      return Number(left) / Number(right);
    default:
      throw logsErrors.malformedQuery(`unexpected operator ${expr.op}`);
  }
}

function likeMatches(value: Value, pattern: Expr, row: Fields): boolean {
  if (value === undefined || value === null) return false;
  const text = String(value);
  if (pattern.kind === "regex") return pattern.regex.test(text);
  return text.includes(String(evaluate(pattern, row)));
}

function looselyEqual(a: Value, b: Value): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return false;
  if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b);
  return String(a) === String(b);
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, hr: 3_600_000, d: 86_400_000, w: 604_800_000 };

function callFunction(expr: Extract<Expr, { kind: "call" }>, row: Fields): Value {
  const args = expr.args.map((a) => evaluate(a, row));
  switch (expr.name) {
    case "bin": {
      const spec = expr.args[0];
      const size = spec?.kind === "literal" && typeof spec.value === "string" ? durationMs(spec.value) : undefined;
      if (!size) throw logsErrors.malformedQuery("bin() takes a period such as 5m.");
      const time = Number(row.get("@timestamp"));
      return Math.floor(time / size) * size;
    }
    case "ispresent":
      return args[0] !== undefined && args[0] !== null;
    case "isempty":
      return args[0] === undefined || args[0] === null || args[0] === "";
    case "tolower":
      return args[0] === undefined || args[0] === null ? args[0] : String(args[0]).toLowerCase();
    case "toupper":
      return args[0] === undefined || args[0] === null ? args[0] : String(args[0]).toUpperCase();
    case "strlen":
      return args[0] === undefined || args[0] === null ? 0 : String(args[0]).length;
    case "abs":
      return Math.abs(Number(args[0]));
    case "floor":
      return Math.floor(Number(args[0]));
    case "ceil":
      return Math.ceil(Number(args[0]));
    default:
      throw logsErrors.malformedQuery(`unexpected function ${expr.name}()`);
  }
}

function durationMs(spec: string): number | undefined {
  const match = /^(\d+)(ms|s|m|min|h|hr|d|w)$/.exec(spec);
  return match ? Number(match[1]) * DURATION_UNITS[match[2]] : undefined;
}

// ----- parsing -----

type Token = { type: "word" | "string" | "number" | "regex" | "op" | "field"; text: string; value?: string | number | RegExp };

const TOKEN = /\s*(?:(\/(?:[^/\\]|\\.)+\/[a-z]*)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(`[^`]+`)|(\d+(?:\.\d+)?(?:ms|min|hr|s|m|h|d|w)?)|(=~|!=|<=|>=|[=<>(),[\]|+\-*/])|([@A-Za-z_$][\w.@$-]*))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    TOKEN.lastIndex = index;
    const m = TOKEN.exec(text);
    if (!m) throw logsErrors.malformedQuery(`unexpected symbol found ${text.slice(index).trim()[0]} at position ${index + 1}`);
    index = TOKEN.lastIndex;
    if (m[1]) {
      const end = m[1].lastIndexOf("/");
      tokens.push({ type: "regex", text: m[1], value: safeRegex(m[1].slice(1, end), m[1].slice(end + 1)) });
    } else if (m[2]) tokens.push({ type: "string", text: m[2], value: m[2].slice(1, -1).replace(/\\(.)/g, "$1") });
    else if (m[3]) tokens.push({ type: "field", text: m[3], value: m[3].slice(1, -1) });
    else if (m[4]) tokens.push(/^\d+(\.\d+)?$/.test(m[4]) ? { type: "number", text: m[4], value: Number(m[4]) } : { type: "string", text: m[4], value: m[4] });
    else if (m[5]) tokens.push({ type: "op", text: m[5] });
    else tokens.push({ type: "word", text: m[6] });
  }
  return tokens;
}

function safeRegex(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags.replace(/[^imsu]/g, ""));
  } catch {
    throw logsErrors.malformedQuery(`invalid regular expression /${source}/`);
  }
}

function parseQuery(query: string): Command[] {
  const tokens = tokenize(query);
  const segments: Token[][] = [[]];
  for (const token of tokens) {
    if (token.type === "op" && token.text === "|") segments.push([]);
    else segments[segments.length - 1].push(token);
  }
  const commands = segments.filter((s) => s.length > 0).map(parseCommand);
  if (commands.length === 0) throw logsErrors.malformedQuery("The query is empty.");
  return commands;
}

function parseCommand(tokens: Token[]): Command {
  const parser = new Parser(tokens.slice(1));
  const name = tokens[0].text.toLowerCase();
  let command: Command;
  switch (name) {
    case "fields":
    case "display":
      command = { kind: name, items: parser.projections() };
      break;
    case "filter":
      command = { kind: "filter", expr: parser.expression() };
      break;
    case "sort": {
      const keys: Array<{ expr: Expr; desc: boolean }> = [];
      do {
        const expr = parser.expression();
        const direction = parser.acceptWord("desc") ? true : parser.acceptWord("asc") ? false : false;
        keys.push({ expr, desc: direction });
      } while (parser.acceptOp(","));
      command = { kind: "sort", keys };
      break;
    }
    case "limit": {
      const count = parser.number();
      if (!Number.isInteger(count) || count < 1 || count > 10_000) throw logsErrors.malformedQuery("limit must be between 1 and 10000.");
      command = { kind: "limit", count };
      break;
    }
    case "stats": {
      const aggregates = parser.projections(["by"]);
      const groups = parser.acceptWord("by") ? parser.projections() : [];
      command = { kind: "stats", aggregates, groups };
      break;
    }
    default:
      throw logsErrors.malformedQuery(`unexpected symbol found ${tokens[0].text} at line 1: the local cloud runs fields, filter, sort, limit, stats and display.`);
  }
  parser.end();
  return command;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  end(): void {
    const left = this.tokens[this.index];
    if (left) throw logsErrors.malformedQuery(`unexpected symbol found ${left.text}`);
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  acceptWord(word: string): boolean {
    const token = this.peek();
    if (token?.type === "word" && token.text.toLowerCase() === word) {
      this.index += 1;
      return true;
    }
    return false;
  }

  acceptOp(op: string): boolean {
    const token = this.peek();
    if (token?.type === "op" && token.text === op) {
      this.index += 1;
      return true;
    }
    return false;
  }

  number(): number {
    const token = this.tokens[this.index++];
    if (token?.type !== "number") throw logsErrors.malformedQuery(`expected a number, found ${token?.text ?? "the end of the query"}`);
    return token.value as number;
  }

  projections(stopWords: string[] = []): Projection[] {
    const items: Projection[] = [];
    do {
      const start = this.index;
      const expr = this.expression();
      const text = this.tokens.slice(start, this.index).map((t) => t.text).join("").replace(/\s+/g, "");
      const name = this.acceptWord("as") ? this.alias() : expr.kind === "field" ? expr.name : text;
      items.push({ expr, name });
      const next = this.peek();
      if (next?.type === "word" && stopWords.includes(next.text.toLowerCase())) break;
    } while (this.acceptOp(","));
    return items;
  }

  private alias(): string {
    const token = this.tokens[this.index++];
    if (!token || (token.type !== "word" && token.type !== "field")) throw logsErrors.malformedQuery("as needs a name.");
    return token.type === "field" ? String(token.value) : token.text;
  }

  expression(): Expr {
    return this.or();
  }

  private or(): Expr {
    let left = this.and();
    while (this.acceptWord("or")) left = { kind: "binary", op: "or", left, right: this.and() };
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.acceptWord("and")) left = { kind: "binary", op: "and", left, right: this.not() };
    return left;
  }

  private not(): Expr {
    if (this.acceptWord("not")) return { kind: "unary", op: "not", operand: this.not() };
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const token = this.peek();
    if (token?.type === "op" && ["=", "!=", "<", "<=", ">", ">=", "=~"].includes(token.text)) {
      this.index += 1;
      return { kind: "binary", op: token.text, left, right: this.additive() };
    }
    if (this.acceptWord("like")) return { kind: "binary", op: "like", left, right: this.additive() };
    if (this.acceptWord("in")) return { kind: "binary", op: "in", left, right: this.additive() };
    if (token?.type === "word" && token.text.toLowerCase() === "not") {
      const after = this.tokens[this.index + 1];
      if (after?.type === "word" && ["like", "in"].includes(after.text.toLowerCase())) {
        this.index += 2;
        return { kind: "binary", op: `not ${after.text.toLowerCase()}`, left, right: this.additive() };
      }
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (let token = this.peek(); token?.type === "op" && (token.text === "+" || token.text === "-"); token = this.peek()) {
      this.index += 1;
      left = { kind: "binary", op: token.text, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.primary();
    for (let token = this.peek(); token?.type === "op" && (token.text === "*" || token.text === "/"); token = this.peek()) {
      this.index += 1;
      left = { kind: "binary", op: token.text, left, right: this.primary() };
    }
    return left;
  }

  private primary(): Expr {
    const token = this.tokens[this.index++];
    if (!token) throw logsErrors.malformedQuery("unexpected end of the query");
    switch (token.type) {
      case "string":
        return { kind: "literal", value: token.value as string };
      case "number":
        return { kind: "literal", value: token.value as number };
      case "regex":
        return { kind: "regex", regex: token.value as RegExp };
      case "field":
        return { kind: "field", name: String(token.value) };
      case "word":
        if (this.acceptOp("(")) {
          const args: Expr[] = [];
          if (!this.acceptOp(")")) {
            do {
              if (this.peek()?.type === "op" && this.peek()?.text === "*") {
                this.index += 1;
                args.push({ kind: "field", name: "*" });
              } else args.push(this.expression());
            } while (this.acceptOp(","));
            if (!this.acceptOp(")")) throw logsErrors.malformedQuery(`expected ) after the arguments of ${token.text}`);
          }
          return { kind: "call", name: token.text.toLowerCase(), args };
        }
        if (token.text === "true" || token.text === "false") return { kind: "literal", value: token.text === "true" };
        return { kind: "field", name: token.text };
      case "op":
        if (token.text === "(") {
          const inner = this.expression();
          if (!this.acceptOp(")")) throw logsErrors.malformedQuery("expected )");
          return inner;
        }
        if (token.text === "[") {
          const items: Expr[] = [];
          if (!this.acceptOp("]")) {
            do items.push(this.expression());
            while (this.acceptOp(","));
            if (!this.acceptOp("]")) throw logsErrors.malformedQuery("expected ]");
          }
          return { kind: "list", items };
        }
        if (token.text === "-") return { kind: "unary", op: "-", operand: this.primary() };
        throw logsErrors.malformedQuery(`unexpected symbol found ${token.text}`);
    }
  }
}
