/**
 * Opaque NextTokens: an offset into a stably ordered listing, tagged with the operation so a
 * token from one listing is refused by another.
 */
import { cloudWatchErrors } from "./errors";

export function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString("base64");
}

export function decodeToken(scope: string, token: string | undefined): number {
  if (token === undefined || token === "") return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { s?: unknown; o?: unknown };
    if (parsed.s === scope && typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // falls through to the error below
  }
  throw cloudWatchErrors.invalidNextToken();
}

export function page<T>(items: T[], scope: string, token: string | undefined, size: number): { items: T[]; nextToken?: string } {
  const offset = decodeToken(scope, token);
  const slice = items.slice(offset, offset + size);
  return { items: slice, nextToken: offset + size < items.length ? encodeToken(scope, offset + size) : undefined };
}
