/**
 * Reading operation inputs that arrive either as AWS JSON (typed: numbers, booleans, epoch-second
 * timestamps) or decoded from the query protocol (every leaf a string, lists as arrays). Each
 * reader accepts both and names a bad parameter the way CloudWatch does
 * (`MetricData.member.1.Value`), whichever protocol the request used.
 */
import { cloudWatchErrors } from "./errors";

export type Input = Record<string, unknown>;

export function isRecord(value: unknown): value is Input {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function readRecord(value: unknown): Input | undefined {
  return isRecord(value) ? value : undefined;
}

/** A list: an array, or nothing (a query request sends `Name=` for an empty list). */
export function readList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return [];
}

export function readString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw cloudWatchErrors.invalidParameterValue(`The value for parameter ${path} is invalid.`);
}

export function requireString(value: unknown, path: string): string {
  const text = readString(value, path);
  if (text === undefined || text === "") throw cloudWatchErrors.required(path);
  return text;
}

export function readNumber(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = parseFloatStrict(value);
    if (parsed !== undefined) return parsed;
  }
  throw cloudWatchErrors.invalidParameterValue(`The value ${String(value)} for parameter ${path} is invalid.`);
}

export function readInteger(value: unknown, path: string): number | undefined {
  const n = readNumber(value, path);
  if (n === undefined) return undefined;
  if (!Number.isInteger(n)) {
    throw cloudWatchErrors.invalidParameterValue(`The value ${n} for parameter ${path} is invalid.`);
  }
  return n;
}

export function readBoolean(value: unknown, path: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw cloudWatchErrors.invalidParameterValue(`The value ${String(value)} for parameter ${path} is invalid.`);
}

/** A timestamp: epoch seconds (JSON), ISO 8601 or epoch seconds as text (query). */
export function readTimestamp(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number" && Number.isFinite(value)) return Math.round(value * 1000);
  if (typeof value === "string" && value.trim() !== "") {
    const asNumber = parseFloatStrict(value);
    if (asNumber !== undefined) return Math.round(asNumber * 1000);
    const parsed = Date.parse(value);
    if (Number.isFinite(parsed)) return parsed;
  }
  throw cloudWatchErrors.invalidParameterValue(`The value ${String(value)} for parameter ${path} is invalid.`);
}

export function requireTimestamp(value: unknown, path: string): number {
  const time = readTimestamp(value, path);
  if (time === undefined) throw cloudWatchErrors.required(path);
  return time;
}

/** An enum member; anything else is AWS's request-validation error for the parameter. */
export function readEnum<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
  const text = readString(value, path);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) {
    const member = path.charAt(0).toLowerCase() + path.slice(1);
    throw cloudWatchErrors.validation(
      `1 validation error detected: Value '${text}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`,
    );
  }
  return text as T;
}

function parseFloatStrict(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return Number(trimmed);
  if (trimmed === "NaN") return Number.NaN;
  if (trimmed === "Infinity" || trimmed === "+Infinity") return Number.POSITIVE_INFINITY;
  if (trimmed === "-Infinity") return Number.NEGATIVE_INFINITY;
  return undefined;
}
