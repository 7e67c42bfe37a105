/** Kinesis and DynamoDB set-up for the stream tests, through the SDK. */
import { CreateStreamCommand, DescribeStreamSummaryCommand, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { uniqueName } from "../../localcloud/test/harness";
import type { TestBackend } from "./backend";
import { eventually } from "./backend";

export interface TestStream {
  name: string;
  arn: string;
}

export async function createStream(backend: TestBackend, base: string, shardCount: number): Promise<TestStream> {
  const name = uniqueName(base);
  await backend.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
  return eventually(
    backend,
    async () => {
      const { StreamDescriptionSummary } = await backend.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      return StreamDescriptionSummary?.StreamStatus === "ACTIVE" ? { name, arn: StreamDescriptionSummary.StreamARN as string } : undefined;
    },
    { what: `stream ${name} active` },
  );
}

/** The explicit hash key that lands a record in shard `index` of `count` evenly split shards. */
export function hashKeyForShard(index: number, count: number): string {
  return ((2n ** 128n / BigInt(count)) * BigInt(index)).toString();
}

export async function putRecord(backend: TestBackend, stream: TestStream, data: string, shard: { index: number; count: number }): Promise<{ sequenceNumber: string; shardId: string }> {
  const result = await backend.kinesis.send(
    new PutRecordCommand({
      StreamName: stream.name,
      Data: Buffer.from(data),
      PartitionKey: `pk-${shard.index}`,
      ExplicitHashKey: hashKeyForShard(shard.index, shard.count),
    }),
  );
  return { sequenceNumber: result.SequenceNumber as string, shardId: result.ShardId as string };
}

export function decode(data: string): string {
  return Buffer.from(data, "base64").toString("utf8");
}

export type ViewType = "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";

/** Creates a table keyed by `Id` (number) with a stream of the given view type; returns the stream's ARN. */
export async function createTableWithStream(backend: TestBackend, base: string, viewType: ViewType): Promise<{ tableName: string; streamArn: string }> {
  const { CreateTableCommand, DescribeTableCommand } = await import("@aws-sdk/client-dynamodb");
  const tableName = uniqueName(base);
  await backend.dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: "Id", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "Id", AttributeType: "N" }],
      BillingMode: "PAY_PER_REQUEST",
      StreamSpecification: { StreamEnabled: true, StreamViewType: viewType },
    }),
  );
  return eventually(
    backend,
    async () => {
      const { Table } = await backend.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
      return Table?.TableStatus === "ACTIVE" && Table.LatestStreamArn ? { tableName, streamArn: Table.LatestStreamArn } : undefined;
    },
    { what: `table ${tableName} active` },
  );
}
