/**
 * Kinesis sequence numbers: 56-digit decimal strings that grow within a shard. Ours encode
 * `49` + arrival time (16 digits, ms) + shard index (6 digits) + a per-shard counter (32 digits),
 * so numbers from one shard sort by arrival and a number tells which shard issued it, which is
 * what AWS checks when a sequence number is used against another shard.
 */

const PREFIX = "49";
export const SEQUENCE_NUMBER_LENGTH = 56;

export function makeSequenceNumber(arrivalMs: number, shardIndex: number, counter: number): string {
  return (
    PREFIX +
    String(Math.max(0, Math.floor(arrivalMs))).padStart(16, "0") +
    String(shardIndex).padStart(6, "0") +
    String(counter).padStart(32, "0")
  );
}

/** The shard index a sequence number of ours encodes, or undefined for a foreign one. */
export function shardIndexOfSequenceNumber(sequenceNumber: string): number | undefined {
  if (sequenceNumber.length !== SEQUENCE_NUMBER_LENGTH || !sequenceNumber.startsWith(PREFIX)) return undefined;
  return Number(sequenceNumber.slice(18, 24));
}

export function isSequenceNumber(value: string): boolean {
  return /^(0|[1-9]\d{0,127})$/.test(value);
}

/** Compares two decimal strings without leading zeros as numbers. */
export function compareSequenceNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
