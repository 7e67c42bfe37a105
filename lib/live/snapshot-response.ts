/**
 * Answers a live snapshot with a strong ETag of its content; a poll that sends the same tag back
 * in If-None-Match gets 304 and no body, so an unchanged page costs the browser almost nothing.
 */
import { createHash } from "node:crypto";

export function snapshotResponse(request: Request, snapshot: unknown): Response {
  const body = JSON.stringify(snapshot);
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers = { etag, "cache-control": "no-cache", "content-type": "application/json" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}
