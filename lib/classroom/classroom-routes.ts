/**
 * Route wrappers for the classroom's own routes, which do not run with a student's settings: the
 * join and sign-in forms (anyone, same origin) and the instructor's routes (an instructor session).
 * They keep the workbook's guards: same origin for changes, a bounded JSON body, no ARN or URL
 * outside the fields that take one, zod validation, failures in plain words.
 */
import type { z } from "zod";
import { findArnOrUrl } from "@/lib/api/plain-values";
import { badRequest, errorResponse, forbidden, internalFailure, json } from "@/lib/api/responses";
import { readBody, type RouteContext } from "@/lib/api/route";
import { checkSameOrigin } from "@/lib/api/same-origin";
import { cookieFrom } from "@/lib/aws/settings-cookie";
import { isClassroomAccessError } from "./classroom-access-error";
import { INSTRUCTOR_COOKIE, isInstructorSession } from "./instructor-session";

export interface ClassroomInput<B, P> {
  request: Request;
  body: B;
  params: P;
}

interface Options<S extends z.ZodType> {
  body: S;
  allowUrlAt?: string[];
  /** "instructor": only with an instructor session (default); "anyone": the join and sign-in forms. */
  who?: "instructor" | "anyone";
}

function where(request: Request): string {
  return `${request.method} ${new URL(request.url).pathname}`;
}

export function notInstructor(): Response {
  return errorResponse(401, {
    code: "InstructorSessionRequired",
    message: "This is for the class's instructor, and this browser is not signed in as one.",
    action: "Open the Instructor page and enter the instructor secret.",
    retryable: false,
  });
}

export function isInstructor(request: Request): boolean {
  return isInstructorSession(cookieFrom(request, INSTRUCTOR_COOKIE));
}

function failed(error: unknown, request: Request): Response {
  if (isClassroomAccessError(error)) return json(error.body, { status: error.status });
  return internalFailure(error, where(request));
}

export function classroomMutation<S extends z.ZodType, P = Record<string, never>>(
  options: Options<S>,
  handler: (input: ClassroomInput<z.output<S>, P>) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      const origin = checkSameOrigin(request);
      if (!origin.ok) return forbidden(origin.reason);
      if ((options.who ?? "instructor") === "instructor" && !isInstructor(request)) return notInstructor();
      const raw = await readBody(request);
      if (!raw.ok) return raw.response;
      const forbiddenValue = findArnOrUrl(raw.value, options.allowUrlAt);
      if (forbiddenValue) {
        return badRequest(
          `The field ${forbiddenValue.path} holds ${forbiddenValue.kind === "arn" ? "an ARN" : "a URL"}; this form takes plain values only.`,
          "Send plain values.",
          forbiddenValue.path,
          forbiddenValue.kind === "arn" ? "ArnNotAccepted" : "UrlNotAccepted",
        );
      }
      const parsed = options.body.safeParse(raw.value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.join(".") || undefined;
        return badRequest(issue ? `${field ? `${field}: ` : ""}${issue.message}` : "The request is not valid.", "Correct the value and try again.", field, "ValidationFailed");
      }
      return await handler({ request, body: parsed.data, params: await context.params });
    } catch (error) {
      return failed(error, request);
    }
  };
}

export function instructorQuery<P = Record<string, never>>(
  handler: (input: { request: Request; params: P }) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      if (!isInstructor(request)) return notInstructor();
      return await handler({ request, params: await context.params });
    } catch (error) {
      return failed(error, request);
    }
  };
}
