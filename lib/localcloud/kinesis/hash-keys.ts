/**
 * Kinesis's hash key space: a partition key maps to the 128-bit integer of its MD5 digest, and
 * a stream's shards split [0, 2^128 - 1] into contiguous ranges. CreateStream splits it evenly
 * the way AWS does: shard i starts at i * floor(2^128 / n), the last shard ends at 2^128 - 1.
 */
import { hash } from "node:crypto";

export const MAX_HASH_KEY = (1n << 128n) - 1n;

export interface HashKeyRange {
  start: bigint;
  end: bigint;
}

export function hashKeyOfPartitionKey(partitionKey: string): bigint {
  // One-shot hashing (Node >= 20.12) costs a third of createHash per record.
  return BigInt(`0x${hash("md5", partitionKey, "hex")}`);
}

export function evenHashKeyRanges(shardCount: number): HashKeyRange[] {
  const step = (1n << 128n) / BigInt(shardCount);
  const ranges: HashKeyRange[] = [];
  for (let i = 0; i < shardCount; i++) {
    const start = BigInt(i) * step;
    const end = i === shardCount - 1 ? MAX_HASH_KEY : BigInt(i + 1) * step - 1n;
    ranges.push({ start, end });
  }
  return ranges;
}

/** Parses an ExplicitHashKey (a decimal string); undefined when it is not one in range. */
export function parseExplicitHashKey(value: string): bigint | undefined {
  if (!/^(0|[1-9]\d{0,38})$/.test(value)) return undefined;
  const key = BigInt(value);
  return key <= MAX_HASH_KEY ? key : undefined;
}

