/**
 * A small signed token for cookies: base64url(JSON) "." base64url(HMAC-SHA256). The payload is
 * readable but cannot be changed without the server's key; verification is constant-time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { z } from "zod";

function mac(key: Buffer, purpose: string, body: string): Buffer {
  return createHmac("sha256", key).update(purpose).update("\u0000").update(body).digest();
}

/** `purpose` keeps a token made for one cookie from being accepted as another. */
export function signToken(key: Buffer, purpose: string, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  return `${body}.${mac(key, purpose, body).toString("base64url")}`;
}

export function verifyToken<S extends z.ZodType>(key: Buffer, purpose: string, token: string | undefined, schema: S): z.output<S> | null {
  if (!token || token.length > 2048) return null;
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".")) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = mac(key, purpose, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
