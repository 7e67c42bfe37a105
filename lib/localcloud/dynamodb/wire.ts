/**
 * DynamoDB's flavour of AWS JSON 1.0: responses carry the `x-amz-crc32` checksum the SDKs verify
 * when present, and error `__type`s keep AWS's namespaces (`com.amazon.coral.validate#` for
 * validation, `com.amazon.coral.service#` for serialization, the service's own for the rest).
 */
import { crc32 } from "node:zlib";
import type { AwsError } from "../core/errors";
import type { ServiceResponse } from "../core/service";

const CONTENT_TYPE = "application/x-amz-json-1.0";

const NAMESPACES: Record<string, string> = {
  ValidationException: "com.amazon.coral.validate#",
  SerializationException: "com.amazon.coral.service#",
  UnknownOperationException: "com.amazon.coral.service#",
};

export function dynamoJsonResponse(output: unknown): ServiceResponse {
  const body = JSON.stringify(output ?? {});
  return { status: 200, headers: { "content-type": CONTENT_TYPE, "x-amz-crc32": String(crc32(body)) }, body };
}

export function dynamoErrorResponse(error: AwsError): ServiceResponse {
  const namespace = NAMESPACES[error.code] ?? "com.amazonaws.dynamodb.v20120810#";
  const body = JSON.stringify({ __type: `${namespace}${error.code}`, message: error.message, ...error.extra });
  return {
    status: error.status,
    headers: { "content-type": CONTENT_TYPE, "x-amzn-errortype": error.code, "x-amz-crc32": String(crc32(body)) },
    body,
  };
}
