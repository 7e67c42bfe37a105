/**
 * The instructor's session after the secret was given: an http-only, SameSite=Strict cookie signed
 * with the server's key, naming a session the server holds in memory for 12 hours. Signing out (or
 * a restart, which also makes a new generated secret) ends it.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { sessionKey } from "./session-key";
import { signToken, verifyToken } from "./signed-token";

export const INSTRUCTOR_COOKIE = "ml_instructor";
const PURPOSE = "instructor-session";
export const INSTRUCTOR_SESSION_HOURS = 12;

const payloadSchema = z.object({ v: z.literal(1), n: z.string().min(16).max(64) });

const SLOT = Symbol.for("messaging-labs.instructor-sessions");

function sessions(): Map<string, number> {
  const holder = globalThis as typeof globalThis & { [SLOT]?: Map<string, number> };
  holder[SLOT] ??= new Map();
  return holder[SLOT];
}

export function startInstructorSession(now = Date.now()): string {
  const nonce = randomBytes(18).toString("base64url");
  for (const [key, expires] of sessions()) if (expires <= now) sessions().delete(key);
  sessions().set(nonce, now + INSTRUCTOR_SESSION_HOURS * 3600_000);
  return signToken(sessionKey(), PURPOSE, { v: 1, n: nonce });
}

export function isInstructorSession(token: string | undefined, now = Date.now()): boolean {
  const payload = verifyToken(sessionKey(), PURPOSE, token, payloadSchema);
  if (!payload) return false;
  const expires = sessions().get(payload.n);
  return expires !== undefined && expires > now;
}

export function endInstructorSession(token: string | undefined): void {
  const payload = verifyToken(sessionKey(), PURPOSE, token, payloadSchema);
  if (payload) sessions().delete(payload.n);
}

export function instructorCookie(token: string, secure: boolean): string {
  return `${INSTRUCTOR_COOKIE}=${token}; Path=/; Max-Age=${INSTRUCTOR_SESSION_HOURS * 3600}; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}

export function clearedInstructorCookie(secure: boolean): string {
  return `${INSTRUCTOR_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}
