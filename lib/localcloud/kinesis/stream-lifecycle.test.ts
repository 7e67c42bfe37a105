import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  ListShardsCommand,
  ListStreamsCommand,
  PutRecordCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilStreamExists,
  waitUntilStreamNotExists,
  KinesisClient,
} from "@aws-sdk/client-kinesis";
import { NodeHttp2Handler } from "@smithy/node-http-handler";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createActiveStream } from "./test-support";

describe("Kinesis stream lifecycle", () => {
  const bed = cloudForTests({ kinesis: KinesisClient }, { clients: { maxAttempts: 1 } });

  it("talks to the local cloud through the client's default HTTP/2 handler", () => {
    expect(bed.kinesis.config.requestHandler).toBeInstanceOf(NodeHttp2Handler);
  });

  it("creates a provisioned stream that is CREATING, then ACTIVE on the clock, and the waiter sees it", async () => {
    const name = uniqueName("orders");
    await bed.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 2 }));
    const creating = await bed.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
    expect(creating.StreamDescription?.StreamStatus).toBe("CREATING");
    expect(creating.StreamDescription?.Shards).toEqual([]);
    await expect(
      bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "a", Data: Buffer.from("x") })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);

    const waiting = waitUntilStreamExists({ client: bed.kinesis, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { StreamName: name });
    // Let the waiter see CREATING once before the clock moves on.
    await new Promise((resolve) => setTimeout(resolve, 300));
    bed.cloud.clock.advance(3_000);
    const result = await waiting;
    expect(result.state).toBe("SUCCESS");

    const active = await bed.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
    const description = active.StreamDescription;
    expect(description).toMatchObject({
      StreamName: name,
      StreamARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`,
      StreamStatus: "ACTIVE",
      StreamModeDetails: { StreamMode: "PROVISIONED" },
      RetentionPeriodHours: 24,
      HasMoreShards: false,
      EncryptionType: "NONE",
    });
    expect(description?.StreamCreationTimestamp).toBeInstanceOf(Date);
    expect(description?.Shards?.map((s) => s.ShardId)).toEqual(["shardId-000000000000", "shardId-000000000001"]);
    expect(description?.Shards?.[0].SequenceNumberRange?.StartingSequenceNumber).toMatch(/^\d{56}$/);
  });

  it("creates an on-demand stream with four shards", async () => {
    const name = uniqueName("clicks");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, StreamModeDetails: { StreamMode: "ON_DEMAND" } });
    const summary = await bed.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    expect(summary.StreamDescriptionSummary).toMatchObject({
      StreamStatus: "ACTIVE",
      StreamModeDetails: { StreamMode: "ON_DEMAND" },
      OpenShardCount: 4,
      ConsumerCount: 0,
    });
    const shards = await bed.kinesis.send(new ListShardsCommand({ StreamName: name, MaxResults: 3 }));
    expect(shards.Shards).toHaveLength(3);
    const rest = await bed.kinesis.send(new ListShardsCommand({ NextToken: shards.NextToken }));
    expect(rest.Shards?.map((s) => s.ShardId)).toEqual(["shardId-000000000003"]);
    expect(rest.NextToken).toBeUndefined();
  });

  it("creates an on-demand stream of four shards when given neither a mode nor a shard count, as AWS does", async () => {
    const name = uniqueName("no-count");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name });
    const summary = await bed.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    expect(summary.StreamDescriptionSummary).toMatchObject({ StreamStatus: "ACTIVE", StreamModeDetails: { StreamMode: "ON_DEMAND" }, OpenShardCount: 4 });
    const refused = await bed.kinesis.send(new CreateStreamCommand({ StreamName: uniqueName("both"), ShardCount: 2, StreamModeDetails: { StreamMode: "ON_DEMAND" } })).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: "ValidationException", message: "ShardCount is not expected when StreamMode=ON_DEMAND" });
  });

  it("refuses a second stream of the same name", async () => {
    const name = uniqueName("dup");
    await bed.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    const error = await bed.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceInUseException);
    expect((error as Error).message).toBe(`Stream ${name} under account 000000000000 already exists.`);
  });

  it("lists streams with summaries and pages through them", async () => {
    const prefix = uniqueName("list");
    for (const suffix of ["a", "b", "c"]) await bed.kinesis.send(new CreateStreamCommand({ StreamName: `${prefix}-${suffix}`, ShardCount: 1 }));
    const names: string[] = [];
    let page = await bed.kinesis.send(new ListStreamsCommand({ Limit: 2 }));
    names.push(...(page.StreamNames ?? []));
    while (page.HasMoreStreams) {
      page = await bed.kinesis.send(new ListStreamsCommand({ Limit: 2, NextToken: page.NextToken }));
      names.push(...(page.StreamNames ?? []));
    }
    expect(names.filter((n) => n.startsWith(prefix))).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
    expect([...names].sort()).toEqual(names);
    expect(page.StreamSummaries?.[0]).toHaveProperty("StreamARN");
  });

  it("deletes a stream: DELETING for a moment, then gone, and the waiter sees it go", async () => {
    const name = uniqueName("gone");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 1 });
    await bed.kinesis.send(new DeleteStreamCommand({ StreamName: name }));
    const deleting = await bed.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    expect(deleting.StreamDescriptionSummary?.StreamStatus).toBe("DELETING");
    const waiting = waitUntilStreamNotExists({ client: bed.kinesis, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { StreamName: name });
    bed.cloud.clock.advance(3_000);
    expect((await waiting).state).toBe("SUCCESS");
    const error = await bed.kinesis.send(new DescribeStreamCommand({ StreamName: name })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe(`Stream ${name} under account 000000000000 not found.`);
  });

  it("accepts a stream ARN in place of its name", async () => {
    const name = uniqueName("by-arn");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 1 });
    const summary = await bed.kinesis.send(
      new DescribeStreamSummaryCommand({ StreamARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${name}` }),
    );
    expect(summary.StreamDescriptionSummary?.StreamName).toBe(name);
  });

  it("validates names as AWS does", async () => {
    const error = await bed.kinesis.send(new CreateStreamCommand({ StreamName: "bad name!", ShardCount: 1 })).catch((e: unknown) => e);
    expect((error as Error).name).toBe("ValidationException");
    expect((error as Error).message).toContain("failed to satisfy constraint: Member must satisfy regular expression pattern");
  });
});
