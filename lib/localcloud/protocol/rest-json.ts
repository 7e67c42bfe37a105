/**
 * The REST JSON protocol's answers and request bodies, shared by the services that speak it
 * (Lambda, event source mappings, Pipes, API Gateway): a JSON answer, an error as the SDKs read it
 * (`x-amzn-errortype` names the error, the body carries `message`), and a body that must be a JSON object.
 */
import type { AwsError } from "../core/errors";
import type { ServiceResponse } from "../core/service";

export type JsonObject = Record<string, unknown>;

export function restJson(status: number, body: unknown, headers: Record<string, string> = {}): ServiceResponse {
  if (status === 204) return { status, headers, body: "" };
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body ?? {}) };
}

export function restJsonError(error: AwsError): ServiceResponse {
  return restJson(error.status, { message: error.message, ...error.extra }, { "x-amzn-errortype": error.code });
}

/**
 * The request body as a JSON object (`{}` when empty). `invalid` makes the service's own error for
 * a body that is not JSON (`detail`: the parser's message) or not an object.
 */
export function restJsonBody(body: Buffer, invalid: (problem: "not JSON" | "not an object", detail: string) => AwsError): JsonObject {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw invalid("not JSON", error instanceof Error ? error.message : String(error));
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw invalid("not an object", "the body must be a JSON object");
  return parsed as JsonObject;
}
