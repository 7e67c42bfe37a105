/**
 * Reading CreateFunction / UpdateFunctionConfiguration / UpdateFunctionCode bodies: each member's
 * type and range checked with Lambda's own errors, so bad input is refused before anything changes.
 */
import { unzipSync } from "fflate";
import { lambdaErrors } from "./errors";

export type JsonObject = Record<string, unknown>;

/** The Node.js runtimes the local cloud runs (each on the host's Node.js). */
export const RUNNABLE_RUNTIMES = ["nodejs20.x", "nodejs22.x", "nodejs24.x"];
/** Runtimes AWS no longer lets a function be created or updated with. */
const DEPRECATED_RUNTIMES = ["nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs18.x", "python2.7", "python3.6", "python3.7", "python3.8", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "ruby2.5", "ruby2.7", "go1.x", "java8"];
/** Runtimes AWS offers that the local cloud cannot run. */
const OTHER_RUNTIMES = ["python3.9", "python3.10", "python3.11", "python3.12", "python3.13", "python3.14", "java8.al2", "java11", "java17", "java21", "java25", "dotnet8", "dotnet10", "ruby3.2", "ruby3.3", "ruby3.4", "provided", "provided.al2", "provided.al2023"];
const ALL_RUNTIMES = [...DEPRECATED_RUNTIMES, ...OTHER_RUNTIMES, ...RUNNABLE_RUNTIMES];

export const ROLE_PATTERN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const HANDLER_PATTERN = /^[^\s]+$/;
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;
const RESERVED_ENV_KEYS = new Set([
  "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
]);
/** Lambda's limit on a function's environment variables, all keys and values together. */
const MAX_ENVIRONMENT_BYTES = 4 * 1024;
/** What a ZipFile upload may be, decoded (Lambda's 50 MB direct-upload limit). */
export const MAX_ZIP_BYTES = 50 * 1024 * 1024;

export interface FunctionSettings {
  runtime?: string;
  role?: string;
  handler?: string;
  description?: string;
  timeoutSeconds?: number;
  memorySizeMB?: number;
  environment?: Record<string, string>;
  architectures?: string[];
}

export function optionalString(body: JsonObject, member: string): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw lambdaErrors.validation(`${member} must be a string.`);
  return value;
}

function integerIn(body: JsonObject, member: string, wire: string, min: number, max: number): number | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw lambdaErrors.validation(`${member} must be an integer.`);
  if (value < min) throw lambdaErrors.constraint(value, wire, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw lambdaErrors.constraint(value, wire, `Member must have value less than or equal to ${max}`);
  return value;
}

export function checkRuntime(runtime: string): string {
  if (!ALL_RUNTIMES.includes(runtime)) {
    throw lambdaErrors.constraint(runtime, "runtime", `Member must satisfy enum value set: [${ALL_RUNTIMES.join(", ")}] or be a valid ARN`);
  }
  if (DEPRECATED_RUNTIMES.includes(runtime)) {
    throw lambdaErrors.invalidParameter(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (nodejs22.x) while creating or updating functions.`,
    );
  }
  if (!RUNNABLE_RUNTIMES.includes(runtime)) {
    throw lambdaErrors.invalidParameter(`The local cloud runs Node.js functions only (${RUNNABLE_RUNTIMES.join(", ")}); ${runtime} is not supported here.`);
  }
  return runtime;
}

function environmentOf(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw lambdaErrors.validation("Environment must be an object.");
  const variables = (value as JsonObject).Variables;
  if (variables === undefined || variables === null) return {};
  if (typeof variables !== "object" || Array.isArray(variables)) throw lambdaErrors.validation("Environment.Variables must be a map of strings.");
  const result: Record<string, string> = {};
  for (const [key, variable] of Object.entries(variables as JsonObject)) {
    if (typeof variable !== "string") throw lambdaErrors.validation(`Environment variable ${key} must be a string.`);
    if (!ENV_KEY.test(key)) {
      throw lambdaErrors.constraint(key, "environment.variables", "Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+");
    }
    result[key] = variable;
  }
  const reserved = Object.keys(result).filter((key) => RESERVED_ENV_KEYS.has(key));
  if (reserved.length > 0) {
    throw lambdaErrors.invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(", ")}`,
    );
  }
  const size = Buffer.byteLength(JSON.stringify(result));
  if (size > MAX_ENVIRONMENT_BYTES) {
    throw lambdaErrors.invalidParameter(`Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${JSON.stringify(result)}`);
  }
  return result;
}

function architecturesOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length !== 1) throw lambdaErrors.constraint(JSON.stringify(value), "architectures", "Member must have length less than or equal to 1");
  const [architecture] = value;
  if (architecture !== "x86_64" && architecture !== "arm64") {
    throw lambdaErrors.constraint(`[${String(architecture)}]`, "architectures", "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]");
  }
  return [architecture];
}

/** The settings CreateFunction and UpdateFunctionConfiguration share, each checked when present. */
export function readSettings(body: JsonObject): FunctionSettings {
  const runtime = optionalString(body, "Runtime");
  const role = optionalString(body, "Role");
  if (role !== undefined && !ROLE_PATTERN.test(role)) {
    throw lambdaErrors.constraint(role, "role", "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
  }
  const handler = optionalString(body, "Handler");
  if (handler !== undefined && (!HANDLER_PATTERN.test(handler) || handler.length > 128)) {
    throw lambdaErrors.constraint(handler, "handler", "Member must satisfy regular expression pattern: [^\\s]+");
  }
  const description = optionalString(body, "Description");
  if (description !== undefined && description.length > 256) {
    throw lambdaErrors.constraint(description, "description", "Member must have length less than or equal to 256");
  }
  return {
    runtime: runtime === undefined ? undefined : checkRuntime(runtime),
    role,
    handler,
    description,
    timeoutSeconds: integerIn(body, "Timeout", "timeout", 1, 900),
    memorySizeMB: integerIn(body, "MemorySize", "memorySize", 128, 10240),
    environment: environmentOf(body.Environment),
    architectures: architecturesOf(body.Architectures),
  };
}

/** The zip of a ZipFile member (base64), checked to be a zip Lambda could unpack. */
export function readZip(value: unknown, operation: "CreateFunction" | "UpdateFunctionCode"): Buffer {
  if (typeof value !== "string" || value.length === 0) {
    throw lambdaErrors.invalidParameter("Please provide a source for function code.");
  }
  const zip = Buffer.from(value, "base64");
  if (zip.length > MAX_ZIP_BYTES) throw lambdaErrors.tooLarge(70167211, operation);
  try {
    unzipSync(new Uint8Array(zip.buffer, zip.byteOffset, zip.length), { filter: () => false });
  } catch {
    throw lambdaErrors.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
  }
  return zip;
}

export function tagsOf(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw lambdaErrors.validation("Tags must be a map of strings.");
  const tags: Record<string, string> = {};
  for (const [key, tag] of Object.entries(value as JsonObject)) {
    if (typeof tag !== "string") throw lambdaErrors.validation(`Tag ${key} must be a string.`);
    if (key.length < 1 || key.length > 128) throw lambdaErrors.constraint(key, "tags.key", "Member must have length less than or equal to 128");
    if (tag.length > 256) throw lambdaErrors.constraint(tag, "tags.value", "Member must have length less than or equal to 256");
    if (key.toLowerCase().startsWith("aws:")) throw lambdaErrors.invalidParameter("Tag keys starting with 'aws:' are reserved.");
    tags[key] = tag;
  }
  return tags;
}
