/**
 * Paging tokens. GetLogEvents' are AWS-shaped (`f/…` forward, `b/…` backward, 56 digits: the
 * position's timestamp and the event's number in its stream); the others are opaque base64 JSON.
 */
import { logsErrors } from "./errors";
import type { Position } from "./log-stream";

export function streamToken(direction: "f" | "b", position: Position): string {
  return `${direction}/${String(Math.max(0, position.timestamp)).padStart(16, "0")}${String(Math.max(0, position.seq)).padStart(40, "0")}`;
}

export function parseStreamToken(token: string): { direction: "f" | "b"; position: Position } {
  const match = /^([fb])\/(\d{16})(\d{40})$/.exec(token);
  if (!match) throw logsErrors.invalidToken();
  return { direction: match[1] as "f" | "b", position: { timestamp: Number(match[2]), seq: Number(match[3]) } };
}

/** An event's id within its group: timestamp, stream number and event number (56 digits, sortable). */
export function eventId(timestamp: number, streamNumber: number, seq: number): string {
  return `${String(Math.max(0, timestamp)).padStart(16, "0")}${String(streamNumber).padStart(8, "0")}${String(seq).padStart(32, "0")}`;
}

export function pageToken(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64");
}

export function parsePageToken(token: string): Record<string, string | number> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, string | number>;
  } catch {
    // fall through
  }
  throw logsErrors.invalidToken();
}
