/** Exponential back-off: `base`, 2×, 4×... capped at `max` (milliseconds), with ±20% jitter. */
export function backoffDelay(attempt: number, base: number, max: number): number {
  const raw = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

/** The AWS error code of an SDK error (its `name`), or the JavaScript error's name. */
export function errorCode(error: unknown): string {
  if (error && typeof error === "object" && "name" in error && typeof error.name === "string") return error.name;
  return "Error";
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function isAbortError(error: unknown): boolean {
  return errorCode(error) === "AbortError";
}
