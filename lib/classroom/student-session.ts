/**
 * A student's session: an http-only cookie, signed with the server's key, naming the class, the
 * username (the prefix every name and every progress record derives from) and the seat's token.
 * It is valid while the class is open and the seat is still that session's, so ending the class or
 * releasing the seat ends it; a cookie edited in the browser fails its signature.
 */
import { z } from "zod";
import type { ClassRecord, Seat } from "./class-record";
import { classStore, SEAT_DAYS } from "./class-store";
import { sessionKey } from "./session-key";
import { signToken, verifyToken } from "./signed-token";

export const CLASS_SESSION_COOKIE = "ml_class";
const PURPOSE = "student-session";

const payloadSchema = z.object({
  v: z.literal(1),
  c: z.string().max(64),
  u: z.string().max(64),
  s: z.string().max(64),
});

export interface StudentSession {
  record: ClassRecord;
  username: string;
  seat: Seat;
}

export function studentSessionToken(classId: string, username: string, seat: Seat): string {
  return signToken(sessionKey(), PURPOSE, { v: 1, c: classId, u: username, s: seat.token });
}

export function readStudentSession(token: string | undefined, now = Date.now()): StudentSession | null {
  if (!token) return null;
  const payload = verifyToken(sessionKey(), PURPOSE, token, payloadSchema);
  if (!payload) return null;
  const held = classStore().seat(payload.c, payload.u, payload.s, now);
  return held ? { record: held.record, username: payload.u, seat: held.seat } : null;
}

/** `Secure` when the page was served over HTTPS (directly or behind a proxy that says so). */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

export function studentSessionCookie(token: string, secure: boolean): string {
  return `${CLASS_SESSION_COOKIE}=${token}; Path=/; Max-Age=${SEAT_DAYS * 24 * 3600}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function clearedStudentSessionCookie(secure: boolean): string {
  return `${CLASS_SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
