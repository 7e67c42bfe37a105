/**
 * Wrappers every route handler is written with. `mutation` runs the same-origin guard, reads a
 * bounded JSON body, refuses ARNs and URLs, validates with zod, reads the settings cookie and
 * turns any failure into a translated error; `query` does the same for reads without a body.
 */
import type { z } from "zod";
import type { Settings } from "@/lib/aws/connection";
import { settingsFromRequest } from "@/lib/aws/settings-cookie";
import { isClassroomAccessError } from "@/lib/classroom/classroom-access-error";
import { readTextUpTo } from "./bounded-body";
import { findArnOrUrl } from "./plain-values";
import { badRequest, errorResponse, forbidden, internalFailure, json } from "./responses";
import { checkSameOrigin } from "./same-origin";

export const MAX_BODY_BYTES = 64 * 1024;

export interface RouteContext<P> {
  params: Promise<P>;
}

export interface HandlerInput<B, P> {
  request: Request;
  body: B;
  params: P;
  settings: Settings;
}

export interface MutationOptions<S extends z.ZodType> {
  body: S;
  /** Dotted paths where a URL is expected (the settings route's endpoint field); nowhere else. */
  allowUrlAt?: string[];
}

function where(request: Request): string {
  return `${request.method} ${new URL(request.url).pathname}`;
}

function tooLarge(): Response {
  return errorResponse(413, {
    code: "PayloadTooLarge",
    message: `The request is larger than ${MAX_BODY_BYTES / 1024} KiB, so the workbook stopped reading it.`,
    action: "Send less data at once.",
    family: "invalid-request",
    retryable: false,
  });
}

/** Reads a JSON body of at most 64 KiB (empty is `{}`), and stops reading past that; the classroom routes use it too. */
export async function readBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const type = request.headers.get("content-type") ?? "";
  if (Number(request.headers.get("content-length")) > MAX_BODY_BYTES) {
    await request.body?.cancel().catch(() => {});
    return { ok: false, response: tooLarge() };
  }
  const read = await readTextUpTo(request.body, MAX_BODY_BYTES);
  if (!read.ok) return { ok: false, response: tooLarge() };
  const text = read.text;
  if (text.trim() === "") return { ok: true, value: {} };
  if (!type.includes("application/json")) {
    return { ok: false, response: badRequest("The request must be JSON.", "Send Content-Type: application/json.") };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: badRequest("The request body is not valid JSON.", "Send a JSON object.") };
  }
}

export function mutation<S extends z.ZodType, P = Record<string, never>>(
  options: MutationOptions<S>,
  handler: (input: HandlerInput<z.output<S>, P>) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      const origin = checkSameOrigin(request);
      if (!origin.ok) return forbidden(origin.reason);
      const raw = await readBody(request);
      if (!raw.ok) return raw.response;
      const forbiddenValue = findArnOrUrl(raw.value, options.allowUrlAt);
      if (forbiddenValue) {
        return badRequest(
          `The field ${forbiddenValue.path} holds ${forbiddenValue.kind === "arn" ? "an ARN" : "a URL"}; routes take names and plain values only.`,
          "The workbook derives every resource from your prefix; send plain values.",
          forbiddenValue.path,
          forbiddenValue.kind === "arn" ? "ArnNotAccepted" : "UrlNotAccepted",
        );
      }
      const parsed = options.body.safeParse(raw.value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.join(".") || undefined;
        return badRequest(
          issue ? `${field ? `${field}: ` : ""}${issue.message}` : "The request is not valid.",
          "Correct the value and try again.",
          field,
          "ValidationFailed",
        );
      }
      const params = await context.params;
      return await handler({ request, body: parsed.data, params, settings: settingsFromRequest(request) });
    } catch (error) {
      if (isClassroomAccessError(error)) return json(error.body, { status: error.status });
      return internalFailure(error, where(request));
    }
  };
}

export function query<P = Record<string, never>>(
  handler: (input: Omit<HandlerInput<undefined, P>, "body">) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      const params = await context.params;
      return await handler({ request, params, settings: settingsFromRequest(request) });
    } catch (error) {
      if (isClassroomAccessError(error)) return json(error.body, { status: error.status });
      return internalFailure(error, where(request));
    }
  };
}
