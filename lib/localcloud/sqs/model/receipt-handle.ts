/**
 * Receipt handles: opaque to clients, but they carry which queue (its unique id, so a handle from
 * a deleted and re-created queue is refused), which message and which receive of it they came from.
 */
const PREFIX = "AQEB";

export interface ReceiptHandleParts {
  queueUid: string;
  messageId: string;
  receiveSeq: number;
}

export function encodeReceiptHandle(queueUid: string, messageId: string, receiveSeq: number): string {
  return PREFIX + Buffer.from(`${queueUid} ${messageId} ${receiveSeq}`, "utf8").toString("base64");
}

export function decodeReceiptHandle(handle: string): ReceiptHandleParts | null {
  if (typeof handle !== "string" || !handle.startsWith(PREFIX) || handle.length > 1024) return null;
  const decoded = Buffer.from(handle.slice(PREFIX.length), "base64").toString("utf8");
  const parts = decoded.split(" ");
  if (parts.length !== 3) return null;
  const receiveSeq = Number(parts[2]);
  if (!parts[0] || !parts[1] || !Number.isInteger(receiveSeq) || receiveSeq < 1) return null;
  return { queueUid: parts[0], messageId: parts[1], receiveSeq };
}
