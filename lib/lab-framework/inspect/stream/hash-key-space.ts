/**
 * Kinesis's hash key space, as pure functions the server and the browser can both use. A record's
 * partition key is hashed with MD5; the 128-bit digest, read as an unsigned integer, is its hash
 * key, and the record goes to the one open shard whose range holds it. Hash keys travel as
 * decimal strings (JSON has no 128-bit integers).
 */

/** 2^128 − 1, the last hash key. */
export const MAX_HASH_KEY = (1n << 128n) - 1n;

export interface HashKeyRange {
  /** Decimal string, inclusive. */
  start: string;
  /** Decimal string, inclusive. */
  end: string;
}

/** How CreateStream splits the key space over `shardCount` shards: equal ranges, the last one to the end. */
export function evenHashKeyRanges(shardCount: number): HashKeyRange[] {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new RangeError("A stream has at least one shard.");
  const step = (1n << 128n) / BigInt(shardCount);
  return Array.from({ length: shardCount }, (_, i) => ({
    start: (BigInt(i) * step).toString(),
    end: (i === shardCount - 1 ? MAX_HASH_KEY : BigInt(i + 1) * step - 1n).toString(),
  }));
}

/** The hash key of an MD5 digest given in hex (32 digits). */
export function hashKeyOfMd5Hex(md5Hex: string): bigint {
  if (!/^[0-9a-f]{32}$/i.test(md5Hex)) throw new RangeError("An MD5 digest is 32 hexadecimal digits.");
  return BigInt(`0x${md5Hex}`);
}

export function inRange(hashKey: bigint | string, range: HashKeyRange): boolean {
  const key = BigInt(hashKey);
  return key >= BigInt(range.start) && key <= BigInt(range.end);
}

/** The first shard whose range holds the hash key (closed shards are skipped when `open` is given). */
export function shardForHashKey<S extends { hashKeyRange: HashKeyRange; open?: boolean }>(hashKey: bigint | string, shards: readonly S[]): S | undefined {
  return shards.find((shard) => shard.open !== false && inRange(hashKey, shard.hashKeyRange)) ?? shards.find((shard) => inRange(hashKey, shard.hashKeyRange));
}

/** Where a hash key sits in the key space, from 0 to 1 (for drawing). */
export function keySpaceFraction(hashKey: bigint | string): number {
  // The top 53 bits are all a double can hold, and all a picture needs.
  return Number(BigInt(hashKey) >> 75n) / 2 ** 53;
}

/** A hash key short enough for a table cell: "1.7014 × 10^38", or the number itself below a million. */
export function shortHashKey(hashKey: bigint | string): string {
  const text = BigInt(hashKey).toString();
  if (text.length <= 6) return text;
  return `${text[0]}.${text.slice(1, 5)} × 10^${text.length - 1}`;
}

/** The share of the key space a range covers, as a percentage with one decimal. */
export function rangeShare(range: HashKeyRange): string {
  const size = BigInt(range.end) - BigInt(range.start) + 1n;
  const permille = Number((size * 1000n) / (MAX_HASH_KEY + 1n));
  return `${(permille / 10).toFixed(1)} %`;
}
