/**
 * The MD5 of a partition key, as Kinesis computes it to route a record (server side: node:crypto).
 */
import { createHash } from "node:crypto";
import { hashKeyOfMd5Hex, shardForHashKey, type HashKeyRange } from "./hash-key-space";

export interface PartitionKeyRouting {
  partitionKey: string;
  /** The MD5 digest of the key's UTF-8 bytes, 32 hex digits. */
  md5: string;
  /** The digest as a 128-bit unsigned integer, in decimal. */
  hashKey: string;
  /** The shard whose range holds the hash key, when shards were given. */
  shardId?: string;
}

export function md5Hex(partitionKey: string): string {
  return createHash("md5").update(partitionKey, "utf8").digest("hex");
}

export function hashKeyOfPartitionKey(partitionKey: string): bigint {
  return hashKeyOfMd5Hex(md5Hex(partitionKey));
}

/** Where a partition key goes among these shards, and why (its MD5 and hash key). */
export function routePartitionKey(partitionKey: string, shards: ReadonlyArray<{ shardId: string; hashKeyRange: HashKeyRange; open?: boolean }> = []): PartitionKeyRouting {
  const md5 = md5Hex(partitionKey);
  const hashKey = hashKeyOfMd5Hex(md5);
  const shard = shardForHashKey(hashKey, shards);
  return { partitionKey, md5, hashKey: hashKey.toString(), ...(shard ? { shardId: shard.shardId } : {}) };
}
