/** Answers the classroom routes share. */
import { errorResponse } from "@/lib/api/responses";
import type { Verdict } from "./rate-limit";

export function tooManyAttempts(verdict: Extract<Verdict, { allowed: false }>, what: string): Response {
  const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
  const response = errorResponse(429, {
    code: "TooManyAttempts",
    message: `Too many wrong ${what} from here.`,
    action: `Wait ${minutes} minute${minutes === 1 ? "" : "s"}, then try again.`,
    retryable: true,
  });
  response.headers.set("retry-after", String(verdict.retryAfterSeconds));
  return response;
}

export function classNotFound(): Response {
  return errorResponse(404, { code: "ClassNotFound", message: "There is no such class on this server.", action: "Go back to the Instructor page.", retryable: false });
}

export function classEnded(): Response {
  return errorResponse(409, { code: "ClassEnded", message: "This class has ended.", action: "Create a new class to run it again.", retryable: false });
}
