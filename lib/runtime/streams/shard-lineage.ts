/**
 * Shard lineage, as Lambda follows it: a shard is read only once its parent (and, after a merge,
 * its adjacent parent) has been read to the end, so records of one partition key stay in order
 * across a split or a merge. A parent that is no longer listed (trimmed away) does not block.
 */
import type { ShardInfo } from "./stream-source";

export function parentsOf(shard: ShardInfo): string[] {
  return [shard.parentShardId, shard.adjacentParentShardId].filter((id): id is string => typeof id === "string" && id.length > 0);
}

/** The shards that may be read now: not finished, not being read, every listed parent finished. */
export function shardsReadyToRead(shards: ShardInfo[], finished: ReadonlySet<string>, reading: ReadonlySet<string>): ShardInfo[] {
  const listed = new Set(shards.map((s) => s.shardId));
  return shards.filter(
    (shard) =>
      !finished.has(shard.shardId) &&
      !reading.has(shard.shardId) &&
      parentsOf(shard).every((parent) => finished.has(parent) || !listed.has(parent)),
  );
}

/** True when the shard descends from a shard in the list (its records come after its parent's). */
export function hasListedParent(shard: ShardInfo, shards: ShardInfo[]): boolean {
  const listed = new Set(shards.map((s) => s.shardId));
  return parentsOf(shard).some((parent) => listed.has(parent));
}
