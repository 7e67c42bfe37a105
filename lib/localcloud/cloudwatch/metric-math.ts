/**
 * CloudWatch metric math, the part the labs use: arithmetic (+ - * / ^) between ids, scalars and
 * series; SUM, AVG, MIN, MAX, STDDEV (a series → a scalar; an array of series → a series);
 * METRICS("filter"); RATE, DIFF, DIFF_TIME, RUNNING_SUM, FILL(m, value | REPEAT | LINEAR); ABS,
 * CEIL, FLOOR; PERIOD; DATAPOINT_COUNT; TIME_SERIES. Arithmetic between two series keeps the
 * timestamps both have, as CloudWatch does; a non-finite result (division by zero) is dropped.
 */
import type { TimeSeries } from "./metric-query";

export interface LabelledSeries extends TimeSeries {
  label: string;
}

export type MathValue =
  | { kind: "scalar"; value: number }
  | { kind: "series"; series: LabelledSeries }
  | { kind: "array"; items: LabelledSeries[] };

export interface MathContext {
  /** The value of another query of the request, by id. */
  resolve(id: string): MathValue;
  /** Every MetricStat result of the request whose label or id contains `filter` (all when omitted). */
  metrics(filter?: string): LabelledSeries[];
  /** The period grid of the request (ascending period starts, epoch ms). */
  grid: number[];
  periodSeconds: number;
}

export class MathError extends Error {}

type Node =
  | { type: "number"; value: number }
  | { type: "string"; value: string }
  | { type: "id"; name: string }
  | { type: "unary"; op: "-"; operand: Node }
  | { type: "binary"; op: "+" | "-" | "*" | "/" | "^"; left: Node; right: Node }
  | { type: "call"; name: string; args: Node[] }
  | { type: "array"; items: Node[] };

type Token = { kind: "number" | "name" | "string" | "punct"; text: string; at: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: "number", text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (name) {
      tokens.push({ kind: "name", text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      const close = source.indexOf(c, i + 1);
      if (close === -1) throw new MathError(`Unterminated string at position ${i + 1}.`);
      tokens.push({ kind: "string", text: source.slice(i + 1, close), at: i });
      i = close + 1;
      continue;
    }
    if ("+-*/^(),[]".includes(c)) {
      tokens.push({ kind: "punct", text: c, at: i });
      i++;
      continue;
    }
    throw new MathError(`Unexpected character '${c}' at position ${i + 1}.`);
  }
  return tokens;
}

export function parseExpression(source: string): Node {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const expect = (text: string) => {
    const token = tokens[pos];
    if (!token || token.text !== text) {
      throw new MathError(`Expected '${text}' ${token ? `at position ${token.at + 1}` : "at the end"}.`);
    }
    pos++;
  };

  const parseAdditive = (): Node => {
    let left = parseMultiplicative();
    while (peek()?.kind === "punct" && (peek().text === "+" || peek().text === "-")) {
      const op = tokens[pos++].text as "+" | "-";
      left = { type: "binary", op, left, right: parseMultiplicative() };
    }
    return left;
  };
  const parseMultiplicative = (): Node => {
    let left = parseUnary();
    while (peek()?.kind === "punct" && (peek().text === "*" || peek().text === "/")) {
      const op = tokens[pos++].text as "*" | "/";
      left = { type: "binary", op, left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): Node => {
    if (peek()?.kind === "punct" && peek().text === "-") {
      pos++;
      return { type: "unary", op: "-", operand: parseUnary() };
    }
    return parsePower();
  };
  const parsePower = (): Node => {
    const base = parsePrimary();
    if (peek()?.kind === "punct" && peek().text === "^") {
      pos++;
      return { type: "binary", op: "^", left: base, right: parseUnary() };
    }
    return base;
  };
  const parsePrimary = (): Node => {
    const token = tokens[pos++];
    if (!token) throw new MathError("The expression ends too early.");
    if (token.kind === "number") return { type: "number", value: Number(token.text) };
    if (token.kind === "string") return { type: "string", value: token.text };
    if (token.kind === "name") {
      if (peek()?.text === "(") {
        pos++;
        const args: Node[] = [];
        if (peek()?.text !== ")") {
          args.push(parseAdditive());
          while (peek()?.text === ",") {
            pos++;
            args.push(parseAdditive());
          }
        }
        expect(")");
        return { type: "call", name: token.text.toUpperCase(), args };
      }
      return { type: "id", name: token.text };
    }
    if (token.text === "(") {
      const inner = parseAdditive();
      expect(")");
      return inner;
    }
    if (token.text === "[") {
      const items = [parseAdditive()];
      while (peek()?.text === ",") {
        pos++;
        items.push(parseAdditive());
      }
      expect("]");
      return { type: "array", items };
    }
    throw new MathError(`Unexpected '${token.text}' at position ${token.at + 1}.`);
  };

  if (tokens.length === 0) throw new MathError("The expression is empty.");
  const tree = parseAdditive();
  if (pos < tokens.length) throw new MathError(`Unexpected '${tokens[pos].text}' at position ${tokens[pos].at + 1}.`);
  return tree;
}

/** The ids an expression refers to (so that a request can be checked before evaluation). */
export function referencedIds(node: Node): string[] {
  switch (node.type) {
    case "id":
      return [node.name];
    case "unary":
      return referencedIds(node.operand);
    case "binary":
      return [...referencedIds(node.left), ...referencedIds(node.right)];
    case "call":
      return node.name === "FILL" ? referencedIds(node.args[0] ?? { type: "number", value: 0 }) : node.args.flatMap(referencedIds);
    case "array":
      return node.items.flatMap(referencedIds);
    default:
      return [];
  }
}

export function evaluateExpression(source: string, context: MathContext): MathValue {
  return evaluate(parseExpression(source), context);
}

const FILL_KEYWORDS = new Set(["REPEAT", "LINEAR"]);

function evaluate(node: Node, context: MathContext): MathValue {
  switch (node.type) {
    case "number":
      return { kind: "scalar", value: node.value };
    case "string":
      throw new MathError(`A string ("${node.value}") is only valid as the argument of METRICS.`);
    case "id":
      return context.resolve(node.name);
    case "unary":
      return mapValues(evaluate(node.operand, context), (v) => -v);
    case "binary":
      return combine(node.op, evaluate(node.left, context), evaluate(node.right, context));
    case "array": {
      const items = node.items.flatMap((item) => {
        const value = evaluate(item, context);
        if (value.kind === "series") return [value.series];
        if (value.kind === "array") return value.items;
        throw new MathError("An array can hold only time series.");
      });
      return { kind: "array", items };
    }
    case "call":
      return callFunction(node, context);
  }
}

function callFunction(node: Extract<Node, { type: "call" }>, context: MathContext): MathValue {
  const args = node.args;
  const arity = (min: number, max = min) => {
    if (args.length < min || args.length > max) {
      throw new MathError(`${node.name} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? "" : "s"}.`);
    }
  };
  switch (node.name) {
    case "METRICS": {
      arity(0, 1);
      const filter = args[0];
      if (filter && filter.type !== "string") throw new MathError("METRICS takes a string filter.");
      return { kind: "array", items: context.metrics(filter?.type === "string" ? filter.value : undefined) };
    }
    case "SUM":
    case "AVG":
    case "MIN":
    case "MAX":
    case "STDDEV": {
      arity(1);
      return reduce(node.name, evaluate(args[0], context));
    }
    case "RATE":
    case "DIFF":
    case "DIFF_TIME":
    case "RUNNING_SUM": {
      arity(1);
      return perSeries(evaluate(args[0], context), (series) => stepwise(node.name, series));
    }
    case "ABS":
    case "CEIL":
    case "FLOOR": {
      arity(1);
      const fn = node.name === "ABS" ? Math.abs : node.name === "CEIL" ? Math.ceil : Math.floor;
      return mapValues(evaluate(args[0], context), fn);
    }
    case "FILL": {
      arity(2);
      const target = evaluate(args[0], context);
      const how = args[1];
      const mode =
        how.type === "id" && FILL_KEYWORDS.has(how.name.toUpperCase())
          ? (how.name.toUpperCase() as "REPEAT" | "LINEAR")
          : evaluate(how, context);
      return perSeries(target, (series) => fill(series, mode, context.grid));
    }
    case "PERIOD":
      arity(1);
      evaluate(args[0], context);
      return { kind: "scalar", value: context.periodSeconds };
    case "DATAPOINT_COUNT": {
      arity(1);
      const value = evaluate(args[0], context);
      if (value.kind === "series") return { kind: "scalar", value: value.series.values.length };
      if (value.kind === "array") return perSeries(value, (s) => constantSeries(s.values.length, context.grid, s.label));
      return { kind: "scalar", value: 1 };
    }
    case "TIME_SERIES": {
      arity(1);
      const value = evaluate(args[0], context);
      if (value.kind !== "scalar") throw new MathError("TIME_SERIES takes a scalar.");
      return { kind: "series", series: constantSeries(value.value, context.grid, "") };
    }
    default:
      throw new MathError(`Unknown function ${node.name}.`);
  }
}

function constantSeries(value: number, grid: number[], label: string): LabelledSeries {
  return { label, timestamps: [...grid], values: grid.map(() => value) };
}

function mapValues(value: MathValue, fn: (v: number) => number): MathValue {
  if (value.kind === "scalar") return { kind: "scalar", value: fn(value.value) };
  return perSeries(value, (s) => finite({ label: s.label, timestamps: s.timestamps, values: s.values.map(fn) }));
}

function perSeries(value: MathValue, fn: (s: LabelledSeries) => LabelledSeries): MathValue {
  if (value.kind === "series") return { kind: "series", series: fn(value.series) };
  if (value.kind === "array") return { kind: "array", items: value.items.map(fn) };
  throw new MathError("This function takes a time series, not a scalar.");
}

function finite(series: LabelledSeries): LabelledSeries {
  const timestamps: number[] = [];
  const values: number[] = [];
  series.values.forEach((v, i) => {
    if (Number.isFinite(v)) {
      timestamps.push(series.timestamps[i]);
      values.push(v);
    }
  });
  return { label: series.label, timestamps, values };
}

function apply(op: "+" | "-" | "*" | "/" | "^", a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
    case "^":
      return a ** b;
  }
}

function combine(op: "+" | "-" | "*" | "/" | "^", left: MathValue, right: MathValue): MathValue {
  if (left.kind === "scalar" && right.kind === "scalar") return { kind: "scalar", value: apply(op, left.value, right.value) };
  if (left.kind === "scalar") return mapValues(right, (v) => apply(op, left.value, v));
  if (right.kind === "scalar") return mapValues(left, (v) => apply(op, v, right.value));
  if (left.kind === "series" && right.kind === "series") {
    return { kind: "series", series: pairwise(op, left.series, right.series) };
  }
  if (left.kind === "array" && right.kind === "series") {
    return { kind: "array", items: left.items.map((s) => pairwise(op, s, right.series)) };
  }
  if (left.kind === "series" && right.kind === "array") {
    return { kind: "array", items: right.items.map((s) => pairwise(op, left.series, s)) };
  }
  throw new MathError("Arithmetic between two arrays of time series is not supported.");
}

function pairwise(op: "+" | "-" | "*" | "/" | "^", a: LabelledSeries, b: LabelledSeries): LabelledSeries {
  const other = new Map<number, number>();
  b.timestamps.forEach((t, i) => other.set(t, b.values[i]));
  const timestamps: number[] = [];
  const values: number[] = [];
  a.timestamps.forEach((t, i) => {
    const bv = other.get(t);
    if (bv === undefined) return;
    timestamps.push(t);
    values.push(apply(op, a.values[i], bv));
  });
  return finite({ label: a.label, timestamps, values });
}

function reduceNumbers(name: string, values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sum = values.reduce((s, v) => s + v, 0);
  switch (name) {
    case "SUM":
      return sum;
    case "AVG":
      return sum / values.length;
    case "MIN":
      return Math.min(...values);
    case "MAX":
      return Math.max(...values);
    default: {
      const mean = sum / values.length;
      return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    }
  }
}

/** A series reduces to a scalar; an array of series reduces, timestamp by timestamp, to a series. */
function reduce(name: string, value: MathValue): MathValue {
  if (value.kind === "scalar") return value;
  if (value.kind === "series") {
    const result = reduceNumbers(name, value.series.values);
    return { kind: "scalar", value: result ?? Number.NaN };
  }
  const byTime = new Map<number, number[]>();
  for (const series of value.items) {
    series.timestamps.forEach((t, i) => {
      const list = byTime.get(t) ?? [];
      list.push(series.values[i]);
      byTime.set(t, list);
    });
  }
  const timestamps = [...byTime.keys()].sort((a, b) => a - b);
  return {
    kind: "series",
    series: finite({ label: "", timestamps, values: timestamps.map((t) => reduceNumbers(name, byTime.get(t) ?? []) ?? Number.NaN) }),
  };
}

function stepwise(name: string, series: LabelledSeries): LabelledSeries {
  if (name === "RUNNING_SUM") {
    let total = 0;
    return { label: series.label, timestamps: series.timestamps, values: series.values.map((v) => (total += v)) };
  }
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 1; i < series.values.length; i++) {
    const seconds = (series.timestamps[i] - series.timestamps[i - 1]) / 1000;
    const delta = series.values[i] - series.values[i - 1];
    timestamps.push(series.timestamps[i]);
    values.push(name === "RATE" ? delta / seconds : name === "DIFF" ? delta : seconds);
  }
  return finite({ label: series.label, timestamps, values });
}

function fill(series: LabelledSeries, mode: "REPEAT" | "LINEAR" | MathValue, grid: number[]): LabelledSeries {
  const known = new Map<number, number>();
  series.timestamps.forEach((t, i) => known.set(t, series.values[i]));
  if (typeof mode === "object" && mode.kind !== "scalar") throw new MathError("FILL takes a scalar, REPEAT or LINEAR.");
  const values = grid.map((t, index) => {
    const own = known.get(t);
    if (own !== undefined) return own;
    if (typeof mode === "object") return mode.value;
    const before = [...grid.slice(0, index)].reverse().find((g) => known.has(g));
    const after = grid.slice(index + 1).find((g) => known.has(g));
    if (mode === "REPEAT") return before !== undefined ? (known.get(before) as number) : after !== undefined ? (known.get(after) as number) : Number.NaN;
    if (before === undefined || after === undefined) {
      return before !== undefined ? (known.get(before) as number) : after !== undefined ? (known.get(after) as number) : Number.NaN;
    }
    const vb = known.get(before) as number;
    const va = known.get(after) as number;
    return vb + ((va - vb) * (t - before)) / (after - before);
  });
  return finite({ label: series.label, timestamps: [...grid], values });
}
