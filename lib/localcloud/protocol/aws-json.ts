/**
 * AWS JSON 1.0 / 1.1 (`X-Amz-Target: Prefix.Operation`, a JSON body in, a JSON body out).
 */
import { AwsError } from "../core/errors";
import type { ServiceResponse } from "../core/service";

export type JsonVersion = "1.0" | "1.1";

export function parseJsonInput(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new AwsError("SerializationException", "The request body is not valid JSON.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AwsError("SerializationException", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

export function jsonResponse(output: unknown, version: JsonVersion): ServiceResponse {
  return {
    status: 200,
    headers: { "content-type": `application/x-amz-json-${version}` },
    body: JSON.stringify(output ?? {}),
  };
}

export interface JsonErrorOptions {
  version: JsonVersion;
  /** The `__type` namespace, e.g. `com.amazonaws.sqs#` or `com.amazonaws.dynamodb.v20120810#`. */
  typePrefix: string;
  /** awsQueryCompatible services also send the legacy code in `x-amzn-query-error`. */
  queryCompatible?: boolean;
}

export function jsonErrorResponse(error: AwsError, options: JsonErrorOptions): ServiceResponse {
  const headers: Record<string, string> = {
    "content-type": `application/x-amz-json-${options.version}`,
    "x-amzn-errortype": error.code,
  };
  if (options.queryCompatible) headers["x-amzn-query-error"] = `${error.queryCode ?? error.code};${error.fault}`;
  return {
    status: error.status,
    headers,
    body: JSON.stringify({ __type: `${options.typePrefix}${error.code}`, message: error.message, ...error.extra }),
  };
}
