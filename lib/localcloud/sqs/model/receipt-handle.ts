/**
 * Receipt handles: opaque to clients, but they carry which queue (its unique id, so a handle from
 * a deleted and re-created queue is refused), which message and which receive of it they came
 * from. Fixed-width parts keep encoding and decoding to a few string slices.
 */
const PREFIX = "AQEB";
const UID_LENGTH = 16;
const MESSAGE_ID_LENGTH = 36;
const SEQ_START = PREFIX.length + UID_LENGTH + MESSAGE_ID_LENGTH;
const UID = /^[0-9a-f]{16}$/;
const SEQ = /^[0-9a-z]{1,11}$/;

export interface ReceiptHandleParts {
  queueUid: string;
  messageId: string;
  receiveSeq: number;
}

export function encodeReceiptHandle(queueUid: string, messageId: string, receiveSeq: number): string {
  return PREFIX + queueUid + messageId + receiveSeq.toString(36);
}

export function decodeReceiptHandle(handle: string): ReceiptHandleParts | null {
  if (typeof handle !== "string" || handle.length <= SEQ_START || !handle.startsWith(PREFIX)) return null;
  const queueUid = handle.slice(PREFIX.length, PREFIX.length + UID_LENGTH);
  const seq = handle.slice(SEQ_START);
  if (!UID.test(queueUid) || !SEQ.test(seq)) return null;
  const receiveSeq = parseInt(seq, 36);
  if (!(receiveSeq >= 1)) return null;
  return { queueUid, messageId: handle.slice(PREFIX.length + UID_LENGTH, SEQ_START), receiveSeq };
}
