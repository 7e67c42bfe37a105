/**
 * A partition key goes to the shard whose hash key range holds the MD5 of the key: checked with
 * RFC 1321's own MD5 test values against AWS's two- and three-shard splits, and against the shard
 * a real PutRecord answers.
 */
import { CreateStreamCommand, ListShardsCommand, PutRecordCommand, waitUntilStreamExists } from "@aws-sdk/client-kinesis";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { clientConfig, startTestCloud, uniqueName } from "@/lib/localcloud/test/harness";
import { evenHashKeyRanges, hashKeyOfMd5Hex, inRange, keySpaceFraction, MAX_HASH_KEY, rangeShare, shardForHashKey, shortHashKey } from "./hash-key-space";
import { md5Hex, routePartitionKey } from "./partition-key-hash";

const TWO_SHARDS = [
  { shardId: "shardId-000000000000", hashKeyRange: { start: "0", end: "170141183460469231731687303715884105727" } },
  { shardId: "shardId-000000000001", hashKeyRange: { start: "170141183460469231731687303715884105728", end: "340282366920938463463374607431768211455" } },
];

describe("partition key → shard", () => {
  it("hashes with MD5 as RFC 1321's test suite says", () => {
    expect(md5Hex("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(md5Hex("a")).toBe("0cc175b9c0f1b6a831c399e269772661");
    expect(md5Hex("abc")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(md5Hex("message digest")).toBe("f96b697d7cb7938d525a2f31aaf161d0");
    expect(md5Hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890")).toBe("57edf4a22be3c955ac49da2e2107b67a");
  });

  it("splits the key space as CreateStream does for two and three shards", () => {
    expect(evenHashKeyRanges(2)).toEqual(TWO_SHARDS.map((s) => s.hashKeyRange));
    expect(evenHashKeyRanges(3)).toEqual([
      { start: "0", end: "113427455640312821154458202477256070484" },
      { start: "113427455640312821154458202477256070485", end: "226854911280625642308916404954512140969" },
      { start: "226854911280625642308916404954512140970", end: "340282366920938463463374607431768211455" },
    ]);
    expect(evenHashKeyRanges(1)).toEqual([{ start: "0", end: MAX_HASH_KEY.toString() }]);
    expect(() => evenHashKeyRanges(0)).toThrow(RangeError);
  });

  it("routes by the digest read as a 128-bit number: below 2^127 to shard 0, from it to shard 1", () => {
    expect(routePartitionKey("a", TWO_SHARDS)).toEqual({
      partitionKey: "a",
      md5: "0cc175b9c0f1b6a831c399e269772661",
      hashKey: BigInt("0x0cc175b9c0f1b6a831c399e269772661").toString(),
      shardId: "shardId-000000000000",
    });
    expect(routePartitionKey("abc", TWO_SHARDS).shardId).toBe("shardId-000000000001");
    expect(routePartitionKey("", TWO_SHARDS).shardId).toBe("shardId-000000000001");
    expect(routePartitionKey("12345678901234567890123456789012345678901234567890123456789012345678901234567890", TWO_SHARDS).shardId).toBe("shardId-000000000000");
    // 0x90... is in the middle third of three shards, 0x0c... in the first, 0xf9... in the last.
    const three = evenHashKeyRanges(3).map((hashKeyRange, i) => ({ shardId: `shard-${i}`, hashKeyRange }));
    expect(["a", "abc", "message digest"].map((key) => routePartitionKey(key, three).shardId)).toEqual(["shard-0", "shard-1", "shard-2"]);
  });

  it("includes both ends of a range, and skips a closed shard for an open one holding the same key", () => {
    expect(shardForHashKey("170141183460469231731687303715884105727", TWO_SHARDS)?.shardId).toBe("shardId-000000000000");
    expect(shardForHashKey("170141183460469231731687303715884105728", TWO_SHARDS)?.shardId).toBe("shardId-000000000001");
    expect(shardForHashKey(MAX_HASH_KEY, TWO_SHARDS)?.shardId).toBe("shardId-000000000001");
    const resharded = [
      { shardId: "parent", open: false, hashKeyRange: { start: "0", end: MAX_HASH_KEY.toString() } },
      { shardId: "child", open: true, hashKeyRange: { start: "0", end: MAX_HASH_KEY.toString() } },
    ];
    expect(shardForHashKey(5n, resharded)?.shardId).toBe("child");
    expect(inRange(MAX_HASH_KEY + 1n, TWO_SHARDS[1].hashKeyRange)).toBe(false);
    expect(() => hashKeyOfMd5Hex("xyz")).toThrow(RangeError);
  });

  it("places keys on a picture of the key space and shortens them for a table", () => {
    expect(keySpaceFraction(0n)).toBe(0);
    expect(keySpaceFraction(TWO_SHARDS[1].hashKeyRange.start)).toBe(0.5);
    expect(keySpaceFraction(MAX_HASH_KEY)).toBeCloseTo(1, 12);
    expect(shortHashKey("170141183460469231731687303715884105728")).toBe("1.7014 × 10^38");
    expect(shortHashKey("4711")).toBe("4711");
    expect(rangeShare(TWO_SHARDS[0].hashKeyRange)).toBe("50.0 %");
  });
});

describe("partition key → shard, against a real two-shard stream", () => {
  let cloud: LocalCloud;
  let kinesis: KinesisClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    kinesis = new KinesisClient(clientConfig(cloud));
  });
  afterAll(async () => {
    kinesis?.destroy();
    await cloud?.close();
  });

  it("predicts the shard PutRecord answers for each key", async () => {
    const StreamName = uniqueName("routing");
    await kinesis.send(new CreateStreamCommand({ StreamName, ShardCount: 2 }));
    cloud.clock.advance(5_000);
    await waitUntilStreamExists({ client: kinesis, maxWaitTime: 20, minDelay: 0.05 }, { StreamName });
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName }));
    const shards = Shards.map((s) => ({ shardId: s.ShardId ?? "", hashKeyRange: { start: s.HashKeyRange?.StartingHashKey ?? "", end: s.HashKeyRange?.EndingHashKey ?? "" } }));
    expect(shards).toEqual(TWO_SHARDS);
    const keys = ["USER-1A2B3C4D", "CUST-00A1F2", "server-01", "server-07", "a", "abc"];
    for (const PartitionKey of keys) {
      const { ShardId } = await kinesis.send(new PutRecordCommand({ StreamName, PartitionKey, Data: new TextEncoder().encode("{}") }));
      expect(routePartitionKey(PartitionKey, shards).shardId, PartitionKey).toBe(ShardId);
    }
  });
});
