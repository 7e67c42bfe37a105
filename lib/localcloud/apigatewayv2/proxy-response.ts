/**
 * A Lambda proxy integration's answer turned into the HTTP response API Gateway sends, for
 * payload formats 2.0 (a plain JSON value without `statusCode` is a 200 JSON body) and 1.0 (the
 * REST-proxy shape is required). Failures are API Gateway's own 500 and 503 answers. Pure.
 */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  /** Headers sent once per value (`set-cookie`, 1.0's multiValueHeaders). */
  multiHeaders: Record<string, string[]>;
  body: Buffer;
}

export function gatewayError(status: number, message: string, note?: string): HttpAnswer {
  return {
    status,
    // The note explains a local-cloud answer to whoever reads the headers; printable ASCII only.
    headers: { "content-type": "application/json", ...(note ? { "x-localcloud-note": note.replace(/[^\x20-\x7e]/g, "?") } : {}) },
    multiHeaders: {},
    body: Buffer.from(JSON.stringify({ message })),
  };
}

export const internalServerError = (note?: string) => gatewayError(500, "Internal Server Error", note);

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Maps a function's JSON response; an unusable one is API Gateway's 500 (with a note saying why). */
export function mapProxyResponse(payloadFormatVersion: "1.0" | "2.0", payload: string): HttpAnswer {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return internalServerError("The function's response is not JSON.");
  }
  if (payloadFormatVersion === "2.0" && !(isObject(value) && "statusCode" in value)) {
    const body = typeof value === "string" ? value : payload;
    return { status: 200, headers: { "content-type": "application/json" }, multiHeaders: {}, body: Buffer.from(body) };
  }
  if (!isObject(value)) return internalServerError("A payload format 1.0 response must be an object with statusCode.");
  const status = value.statusCode;
  if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) {
    return internalServerError("The response's statusCode must be an integer HTTP status.");
  }
  const headers: Record<string, string> = {};
  const multiHeaders: Record<string, string[]> = {};
  if (value.headers !== undefined && value.headers !== null) {
    if (!isObject(value.headers)) return internalServerError("The response's headers must be an object.");
    for (const [name, header] of Object.entries(value.headers)) headers[name.toLowerCase()] = String(header);
  }
  if (payloadFormatVersion === "1.0" && value.multiValueHeaders !== undefined && value.multiValueHeaders !== null) {
    if (!isObject(value.multiValueHeaders)) return internalServerError("The response's multiValueHeaders must be an object.");
    for (const [name, list] of Object.entries(value.multiValueHeaders)) {
      if (!Array.isArray(list)) return internalServerError("Each of multiValueHeaders must be a list.");
      delete headers[name.toLowerCase()];
      multiHeaders[name.toLowerCase()] = list.map(String);
    }
  }
  if (payloadFormatVersion === "2.0" && value.cookies !== undefined) {
    if (!Array.isArray(value.cookies)) return internalServerError("The response's cookies must be a list.");
    multiHeaders["set-cookie"] = [...(multiHeaders["set-cookie"] ?? []), ...value.cookies.map(String)];
  }
  const rawBody = value.body;
  if (rawBody !== undefined && rawBody !== null && typeof rawBody !== "string") return internalServerError("The response's body must be a string.");
  const body = rawBody ? (value.isBase64Encoded === true ? Buffer.from(rawBody, "base64") : Buffer.from(rawBody)) : Buffer.alloc(0);
  if (!headers["content-type"] && !multiHeaders["content-type"]) headers["content-type"] = "text/plain; charset=utf-8";
  return { status, headers, multiHeaders, body };
}
