/**
 * Shared set-up for the DynamoDB and DynamoDB Streams tests: a local cloud running only these two
 * services, SDK clients pointed at it, and a table helper that waits out CREATING on the clock.
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  type CreateTableCommandInput,
  type StreamViewType,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient, DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-dynamodb-streams";
import type { LocalCloud, LocalCloudOptions } from "../index";
import { clientConfig, startTestCloud } from "../test/harness";
import { createDynamoDbStreamsService } from "../dynamodb-streams";
import { createDynamoDbService } from ".";
import { TABLE_STATUS_CHANGE_MS } from "./model";

export interface DynamoTestCloud {
  cloud: LocalCloud;
  dynamodb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  close(): Promise<void>;
}

export async function startDynamoCloud(options: LocalCloudOptions = {}): Promise<DynamoTestCloud> {
  const cloud = await startTestCloud({ services: [createDynamoDbService, createDynamoDbStreamsService], ...options });
  const dynamodb = new DynamoDBClient(clientConfig(cloud));
  const streams = new DynamoDBStreamsClient(clientConfig(cloud));
  return {
    cloud,
    dynamodb,
    streams,
    async close() {
      dynamodb.destroy();
      streams.destroy();
      await cloud.close();
    },
  };
}

/** Creates a table (hash key `pk`, optional range key `sk`) and lets it become ACTIVE. */
export async function createTable(
  env: DynamoTestCloud,
  name: string,
  options: { sortKey?: boolean; streamViewType?: StreamViewType; extra?: Partial<CreateTableCommandInput> } = {},
) {
  const input: CreateTableCommandInput = {
    TableName: name,
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, ...(options.sortKey ? [{ AttributeName: "sk", KeyType: "RANGE" as const }] : [])],
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      ...(options.sortKey ? [{ AttributeName: "sk", AttributeType: "S" as const }] : []),
    ],
    BillingMode: "PAY_PER_REQUEST",
    ...(options.streamViewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: options.streamViewType } } : {}),
    ...options.extra,
  };
  const output = await env.dynamodb.send(new CreateTableCommand(input));
  env.cloud.clock.advance(TABLE_STATUS_CHANGE_MS);
  return output.TableDescription!;
}

/** Every record of a stream's shards from TRIM_HORIZON, through the Streams API. */
export async function readWholeStream(env: DynamoTestCloud, streamArn: string) {
  const description = await env.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records = [];
  for (const shard of description.StreamDescription?.Shards ?? []) {
    let iterator = (
      await env.streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }))
    ).ShardIterator;
    while (iterator) {
      const page = await env.streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []));
      if (!page.Records?.length) break;
      iterator = page.NextShardIterator;
    }
  }
  return records;
}
