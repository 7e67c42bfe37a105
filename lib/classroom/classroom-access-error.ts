/**
 * Why a request cannot run in classroom mode (no session, the class's connection unusable). The
 * route wrappers answer it with its status and plain words instead of a generic failure.
 */
export class ClassroomAccessError extends Error {
  readonly status: number;
  readonly code: string;
  readonly action: string;

  constructor(status: number, code: string, message: string, action: string) {
    super(message);
    this.name = "ClassroomAccessError";
    this.status = status;
    this.code = code;
    this.action = action;
  }

  get body() {
    return { error: { code: this.code, message: this.message, action: this.action, retryable: false } };
  }
}

/** By name as well as by class: Next.js may bundle this module more than once. */
export function isClassroomAccessError(error: unknown): error is ClassroomAccessError {
  return error instanceof ClassroomAccessError || (error instanceof Error && error.name === "ClassroomAccessError" && "status" in error);
}

export function joinFirst(): ClassroomAccessError {
  return new ClassroomAccessError(
    401,
    "ClassSessionRequired",
    "This workbook is running a class, and this browser has not joined it.",
    "Open the Join page and enter the join code your instructor gave you and your username.",
  );
}
