/**
 * The producers' HTTP side: read the JSON body of an API Gateway proxy event and answer JSON, as
 * the write-up's producers do (with the CORS header a browser client needs).
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

export function reply(statusCode: number, body: unknown): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" },
    body: JSON.stringify(body),
  };
}

export type BodyReading = { ok: true; value: Record<string, unknown> } | { ok: false; response: APIGatewayProxyResult };

/** The request body as an object; an empty body is `{}` (every field has a default). */
export function readJsonBody(event: Pick<APIGatewayProxyEvent, "body" | "isBase64Encoded">): BodyReading {
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  if (!raw || raw.trim() === "") return { ok: true, value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, response: reply(400, { error: "The body is not valid JSON." }) };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, response: reply(400, { error: "The body must be a JSON object." }) };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

/** A whole number in [min, max], or the default when absent; an error sentence otherwise. */
export function wholeNumber(value: unknown, name: string, fallback: number, min: number, max: number): number | string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value)) return `${name} must be a whole number.`;
  if (value < min || value > max) return `${name} must be from ${min} to ${max}.`;
  return value;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name === "Error" ? "" : `${error.name}: `}${error.message}`;
  return String(error);
}
