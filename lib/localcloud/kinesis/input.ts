/**
 * Reading a Kinesis JSON request's members with AWS's validation wording
 * ("1 validation error detected: Value 'x' at 'streamName' failed to satisfy constraint: ...").
 * AWS names members in these messages with a lower-case first letter.
 */
import { AwsError } from "../core/errors";
import { kinesisErrors } from "./errors";

export type JsonInput = Record<string, unknown>;

function fieldName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function serialization(member: string, expected: string): AwsError {
  return new AwsError("SerializationException", `Member ${member} must be ${expected}.`);
}

export interface StringRules {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

export function optionalString(input: JsonInput, member: string, rules: StringRules = {}, path = fieldName(member)): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw serialization(member, "a string");
  if (rules.min !== undefined && value.length < rules.min) {
    throw kinesisErrors.constraint(path, value, `Member must have length greater than or equal to ${rules.min}`);
  }
  if (rules.max !== undefined && value.length > rules.max) {
    throw kinesisErrors.constraint(path, value, `Member must have length less than or equal to ${rules.max}`);
  }
  if (rules.pattern && !rules.pattern.test(value)) {
    throw kinesisErrors.constraint(path, value, `Member must satisfy regular expression pattern: ${rules.pattern.source}`);
  }
  return value;
}

export function requiredString(input: JsonInput, member: string, rules: StringRules = {}, path = fieldName(member)): string {
  const value = optionalString(input, member, rules, path);
  if (value === undefined) throw kinesisErrors.constraint(path, undefined, "Member must not be null");
  return value;
}

export function optionalInteger(input: JsonInput, member: string, range: { min?: number; max?: number } = {}): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw serialization(member, "an integer");
  const path = fieldName(member);
  if (range.min !== undefined && value < range.min) {
    throw kinesisErrors.constraint(path, value, `Member must have value greater than or equal to ${range.min}`);
  }
  if (range.max !== undefined && value > range.max) {
    throw kinesisErrors.constraint(path, value, `Member must have value less than or equal to ${range.max}`);
  }
  return value;
}

export function requiredInteger(input: JsonInput, member: string, range: { min?: number; max?: number } = {}): number {
  const value = optionalInteger(input, member, range);
  if (value === undefined) throw kinesisErrors.constraint(fieldName(member), undefined, "Member must not be null");
  return value;
}

/** A blob member: base64 on the wire. */
export function requiredBlob(input: JsonInput, member: string, maxBytes: number, path = fieldName(member)): Buffer {
  const value = input[member];
  if (value === undefined || value === null) throw kinesisErrors.constraint(path, undefined, "Member must not be null");
  if (typeof value !== "string" || value.length % 4 === 1) throw serialization(member, "base64-encoded binary data");
  const data = Buffer.from(value, "base64");
  if (data.length > maxBytes) {
    throw new AwsError(
      "ValidationException",
      `1 validation error detected: Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${maxBytes}`,
    );
  }
  return data;
}

/** A timestamp member: epoch seconds (a number) on the JSON wire; returns epoch ms. */
export function optionalTimestamp(input: JsonInput, member: string): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return Math.round(value * 1000);
  if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw serialization(member, "a timestamp");
}

export function optionalStringMap(input: JsonInput, member: string): Record<string, string> | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw serialization(member, "a map");
  const map: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== "string") throw serialization(`${member}.${key}`, "a string");
    map[key] = v;
  }
  return map;
}

export function optionalStringList(input: JsonInput, member: string): string[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw serialization(member, "a list of strings");
  return value as string[];
}

export function requiredList(input: JsonInput, member: string): unknown[] {
  const value = input[member];
  if (value === undefined || value === null) throw kinesisErrors.constraint(fieldName(member), undefined, "Member must not be null");
  if (!Array.isArray(value)) throw serialization(member, "a list");
  return value;
}
