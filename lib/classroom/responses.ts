/** Answers the classroom routes share. */
import { errorResponse } from "@/lib/api/responses";
import type { Verdict } from "./rate-limit";

export function tooManyAttempts(verdict: Extract<Verdict, { allowed: false }>, what: string): Response {
  const seconds = verdict.retryAfterSeconds;
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const response = errorResponse(429, {
    code: "TooManyAttempts",
    message: `Too many wrong ${what} from here: each one makes the next wait longer.`,
    action: `Wait ${wait}, then try again.`,
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
