/**
 * The instructor secret: INSTRUCTOR_SECRET when the operator sets one (at least 12 characters),
 * otherwise 32 random bytes made when the server starts and printed once to its log, so whoever
 * started the server can open the dashboard and nobody else can. Compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const INSTRUCTOR_SECRET_ENV = "INSTRUCTOR_SECRET";
export const MIN_INSTRUCTOR_SECRET = 12;

interface Held {
  secret: string;
  generated: boolean;
  announced: boolean;
}

const SLOT = Symbol.for("messaging-labs.instructor-secret");

function held(env: Record<string, string | undefined>): Held {
  const holder = globalThis as typeof globalThis & { [SLOT]?: Held };
  if (!holder[SLOT]) {
    const configured = env[INSTRUCTOR_SECRET_ENV]?.trim();
    if (configured && configured.length < MIN_INSTRUCTOR_SECRET) {
      console.error(`[classroom] ${INSTRUCTOR_SECRET_ENV} is shorter than ${MIN_INSTRUCTOR_SECRET} characters; using a generated secret instead.`);
    }
    holder[SLOT] =
      configured && configured.length >= MIN_INSTRUCTOR_SECRET
        ? { secret: configured, generated: false, announced: false }
        : { secret: randomBytes(32).toString("base64url"), generated: true, announced: false };
  }
  return holder[SLOT];
}

/** Prints how to reach the dashboard, with the secret when it was generated; once per process. */
export function announceInstructorAccess(env: Record<string, string | undefined> = process.env): void {
  const secret = held(env);
  if (secret.announced) return;
  secret.announced = true;
  if (secret.generated) {
    console.log(`[classroom] Instructor dashboard: /instructor — secret for this run: ${secret.secret} (set ${INSTRUCTOR_SECRET_ENV} to choose your own)`);
  } else {
    console.log(`[classroom] Instructor dashboard: /instructor — secret from ${INSTRUCTOR_SECRET_ENV}`);
  }
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** Constant-time: both sides are hashed to 32 bytes first, so not even the length leaks. */
export function isInstructorSecret(candidate: string, env: Record<string, string | undefined> = process.env): boolean {
  const secret = held(env);
  if (!secret.announced) announceInstructorAccess(env);
  return timingSafeEqual(digest(candidate), digest(secret.secret));
}

/** Tests: forget the held secret so the next call reads the environment again. */
export function resetInstructorSecret(): void {
  delete (globalThis as typeof globalThis & { [SLOT]?: Held })[SLOT];
}
