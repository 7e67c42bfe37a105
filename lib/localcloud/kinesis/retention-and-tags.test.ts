import {
  AddTagsToStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  IncreaseStreamRetentionPeriodCommand,
  InvalidArgumentException,
  ListTagsForResourceCommand,
  ListTagsForStreamCommand,
  PutRecordCommand,
  RemoveTagsFromStreamCommand,
  TagResourceCommand,
  UntagResourceCommand,
  KinesisClient,
} from "@aws-sdk/client-kinesis";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createActiveStream } from "./test-support";

describe("Kinesis retention and tags", () => {
  const bed = cloudForTests({ kinesis: KinesisClient }, { clients: { maxAttempts: 1 } });

  async function readAll(name: string) {
    const { ShardIterator } = await bed.kinesis.send(
      new GetShardIteratorCommand({ StreamName: name, ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" }),
    );
    bed.cloud.clock.advance(1_000);
    const out = await bed.kinesis.send(new GetRecordsCommand({ ShardIterator }));
    return (out.Records ?? []).map((r) => Buffer.from(r.Data as Uint8Array).toString());
  }

  it("drops records older than the retention period (24 h by default) on the clock", async () => {
    const name = uniqueName("retained");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 1 });
    await bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: Buffer.from("old") }));
    bed.cloud.clock.advance(23 * 3600_000);
    await bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: Buffer.from("new") }));
    expect(await readAll(name)).toEqual(["old", "new"]);
    bed.cloud.clock.advance(3600_000 + 1_000);
    expect(await readAll(name)).toEqual(["new"]);
  });

  it("keeps records longer after IncreaseStreamRetentionPeriod and checks the direction of each change", async () => {
    const name = uniqueName("longer");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 1 });
    await bed.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 48 }));
    const summary = await bed.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    expect(summary.StreamDescriptionSummary?.RetentionPeriodHours).toBe(48);
    await bed.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: Buffer.from("kept") }));
    bed.cloud.clock.advance(30 * 3600_000);
    expect(await readAll(name)).toEqual(["kept"]);

    const shorter = await bed.kinesis
      .send(new IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 24 }))
      .catch((e: unknown) => e);
    expect(shorter).toBeInstanceOf(InvalidArgumentException);
    expect((shorter as Error).message).toBe(
      `Requested retention period (24 hours) for stream ${name} can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.`,
    );
    const tooShort = await bed.kinesis
      .send(new DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 12 }))
      .catch((e: unknown) => e);
    expect((tooShort as Error).message).toBe("Minimum allowed retention period is 24 hours. Requested retention period (12 hours) is too short.");
    await bed.kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 24 }));
    expect(await readAll(name)).toEqual([]);
  });

  it("adds, lists and removes tags by stream name and by ARN", async () => {
    const name = uniqueName("tagged");
    await createActiveStream(bed.cloud, bed.kinesis, { StreamName: name, ShardCount: 1, Tags: { Project: "ServerlessLab" } });
    await bed.kinesis.send(new AddTagsToStreamCommand({ StreamName: name, Tags: { Lab: "sqs-vs-kinesis", Student: "user3" } }));
    const listed = await bed.kinesis.send(new ListTagsForStreamCommand({ StreamName: name }));
    expect(listed.Tags).toEqual([
      { Key: "Lab", Value: "sqs-vs-kinesis" },
      { Key: "Project", Value: "ServerlessLab" },
      { Key: "Student", Value: "user3" },
    ]);
    expect(listed.HasMoreTags).toBe(false);
    await bed.kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: name, TagKeys: ["Student"] }));
    const arn = `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`;
    await bed.kinesis.send(new TagResourceCommand({ ResourceARN: arn, Tags: { Owner: "lab" } }));
    await bed.kinesis.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ["Lab"] }));
    const byArn = await bed.kinesis.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
    expect(byArn.Tags?.map((t) => t.Key).sort()).toEqual(["Owner", "Project"]);
  });
});
