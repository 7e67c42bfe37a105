import { describe, expect, it } from "vitest";
import { shardsReadyToRead } from "./shard-lineage";
import type { ShardInfo } from "./stream-source";

const shard = (shardId: string, parents: Partial<ShardInfo> = {}, closed = false): ShardInfo => ({ shardId, closed, ...parents });

describe("shard lineage", () => {
  const parent = shard("shardId-0", {}, true);
  const left = shard("shardId-1", { parentShardId: "shardId-0" });
  const right = shard("shardId-2", { parentShardId: "shardId-0" });

  it("reads children of a split only once the parent is finished", () => {
    const shards = [parent, left, right];
    expect(shardsReadyToRead(shards, new Set(), new Set()).map((s) => s.shardId)).toEqual(["shardId-0"]);
    expect(shardsReadyToRead(shards, new Set(), new Set(["shardId-0"]))).toEqual([]);
    expect(shardsReadyToRead(shards, new Set(["shardId-0"]), new Set()).map((s) => s.shardId)).toEqual(["shardId-1", "shardId-2"]);
  });

  it("reads the child of a merge only once both parents are finished", () => {
    const a = shard("shardId-3", {}, true);
    const b = shard("shardId-4", {}, true);
    const merged = shard("shardId-5", { parentShardId: "shardId-3", adjacentParentShardId: "shardId-4" });
    const shards = [a, b, merged];
    expect(shardsReadyToRead(shards, new Set(["shardId-3"]), new Set(["shardId-4"]))).toEqual([]);
    expect(shardsReadyToRead(shards, new Set(["shardId-3", "shardId-4"]), new Set()).map((s) => s.shardId)).toEqual(["shardId-5"]);
  });

  it("does not wait for a parent that is no longer listed (trimmed away)", () => {
    expect(shardsReadyToRead([left, right], new Set(), new Set()).map((s) => s.shardId)).toEqual(["shardId-1", "shardId-2"]);
  });
});
