/**
 * The JSON shapes routes answer with. Errors always carry one plain sentence and what to do, in
 * the same shape as a translated AWS error, so the UI shows every failure the same way.
 */
import { describeForLog, translateAwsError, type FriendlyError, type TranslationContext } from "@/lib/aws/errors";
import { redactSecrets } from "@/lib/aws/redact";

export interface ApiError extends Partial<FriendlyError> {
  message: string;
  action: string;
  code: string;
  /** Which input field was wrong, for forms to mark it. */
  field?: string;
}

export interface ApiErrorBody {
  error: ApiError;
}

const NO_STORE = { "cache-control": "no-store" };

export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, { ...init, headers: { ...NO_STORE, ...init.headers } });
}

export function errorResponse(status: number, error: ApiError): Response {
  return json({ error } satisfies ApiErrorBody, { status });
}

export function badRequest(message: string, action: string, field?: string, code = "BadRequest"): Response {
  return errorResponse(400, { code, message, action, field, family: "invalid-request", retryable: false });
}

export function forbidden(message: string): Response {
  return errorResponse(403, { code: "Forbidden", message, action: "Use the workbook's own pages.", retryable: false });
}

export function notFound(message: string): Response {
  return errorResponse(404, { code: "NotFound", message, action: "Go back to the lab catalogue.", retryable: false });
}

/** An AWS (or network) failure: translated for the student, one redacted line for the server log. */
export function awsFailure(error: unknown, where: string, context: TranslationContext = {}): Response {
  const friendly = translateAwsError(error, context);
  console.warn(`[api] ${where}: ${describeForLog(error, context)}`);
  return errorResponse(502, friendly);
}

/** Anything else that went wrong: a generic sentence out, a redacted line (no stack) in the log. */
export function internalFailure(error: unknown, where: string): Response {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`[api] ${where} failed: ${redactSecrets(message)}`);
  return errorResponse(500, {
    code: "InternalError",
    message: "The workbook hit an unexpected problem.",
    action: "Retry; if it keeps happening, the server's log says more.",
    family: "unknown",
    retryable: true,
  });
}
