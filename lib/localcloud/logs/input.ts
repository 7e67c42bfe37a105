/**
 * Reading a CloudWatch Logs JSON request's members. Logs reports a violated constraint as an
 * InvalidParameterException worded "1 validation error detected: Value 'x' at 'logGroupName'
 * failed to satisfy constraint: ..."; the members already have lower-case names on the wire.
 */
import { AwsError } from "../core/errors";
import { logsErrors } from "./errors";

export type JsonInput = Record<string, unknown>;

export interface StringRules {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

function serialization(member: string, expected: string): AwsError {
  return new AwsError("SerializationException", `Member ${member} must be ${expected}.`);
}

export function optionalString(input: JsonInput, member: string, rules: StringRules = {}): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw serialization(member, "a string");
  if (rules.min !== undefined && value.length < rules.min) {
    throw logsErrors.constraint(member, value, `Member must have length greater than or equal to ${rules.min}`);
  }
  if (rules.max !== undefined && value.length > rules.max) {
    throw logsErrors.constraint(member, value, `Member must have length less than or equal to ${rules.max}`);
  }
  if (rules.pattern && !new RegExp(`^(?:${rules.pattern.source})$`).test(value)) {
    throw logsErrors.constraint(member, value, `Member must satisfy regular expression pattern: ${rules.pattern.source}`);
  }
  return value;
}

export function requiredString(input: JsonInput, member: string, rules: StringRules = {}): string {
  const value = optionalString(input, member, rules);
  if (value === undefined) throw logsErrors.constraint(member, undefined, "Member must not be null");
  return value;
}

export function optionalInteger(input: JsonInput, member: string, range: { min?: number; max?: number } = {}): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw serialization(member, "an integer");
  if (range.min !== undefined && value < range.min) {
    throw logsErrors.constraint(member, value, `Member must have value greater than or equal to ${range.min}`);
  }
  if (range.max !== undefined && value > range.max) {
    throw logsErrors.constraint(member, value, `Member must have value less than or equal to ${range.max}`);
  }
  return value;
}

export function requiredInteger(input: JsonInput, member: string, range: { min?: number; max?: number } = {}): number {
  const value = optionalInteger(input, member, range);
  if (value === undefined) throw logsErrors.constraint(member, undefined, "Member must not be null");
  return value;
}

export function optionalBoolean(input: JsonInput, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw serialization(member, "a boolean");
  return value;
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

export function optionalStringList(input: JsonInput, member: string, range: { min?: number; max?: number } = {}): string[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw serialization(member, "a list of strings");
  if (range.min !== undefined && value.length < range.min) {
    throw logsErrors.constraint(member, `[${value.join(", ")}]`, `Member must have length greater than or equal to ${range.min}`);
  }
  if (range.max !== undefined && value.length > range.max) {
    throw logsErrors.constraint(member, `[${value.join(", ")}]`, `Member must have length less than or equal to ${range.max}`);
  }
  return value as string[];
}

export function requiredList(input: JsonInput, member: string): unknown[] {
  const value = input[member];
  if (value === undefined || value === null) throw logsErrors.constraint(member, undefined, "Member must not be null");
  if (!Array.isArray(value)) throw serialization(member, "a list");
  return value;
}
