/**
 * A DynamoDB table's stream as a stream mapping reads it: DescribeStream for the shards and their
 * parents, GetShardIterator + GetRecords per shard. DynamoDB Streams has no AT_TIMESTAMP
 * iterator, so that position is read from the trim horizon, skipping older records.
 */
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type Shard,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord } from "aws-lambda";
import { errorCode } from "../backoff";
import { toDynamoDBRecord } from "../events/dynamodb-stream-event";
import type { ShardInfo, ShardPosition, ShardRead, ShardReader, StreamSource } from "./stream-source";

export class DynamoDBStreamsSource implements StreamSource<DynamoDBRecord> {
  readonly eventSource = "aws:dynamodb";
  readonly batchInfoKey = "DDBStreamBatchInfo";
  readonly maxReadLimit = 1_000;
  readonly idlePollMs = 1_000;
  readonly minReadIntervalMs = 250;

  constructor(
    private readonly client: DynamoDBStreamsClient,
    readonly streamArn: string,
  ) {}

  async listShards(signal: AbortSignal): Promise<ShardInfo[]> {
    const shards: Shard[] = [];
    let exclusiveStart: string | undefined;
    do {
      const page = await this.client.send(new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: exclusiveStart }), {
        abortSignal: signal,
      });
      shards.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStart = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart);
    return shards.map((shard) => ({
      shardId: shard.ShardId ?? "",
      parentShardId: shard.ParentShardId,
      closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined,
    }));
  }

  async openShard(shardId: string, position: ShardPosition, signal: AbortSignal): Promise<ShardReader<DynamoDBRecord>> {
    const notBefore = position.type === "AT_TIMESTAMP" ? Math.floor(position.timestamp / 1000) * 1000 : undefined;
    let iterator = await this.iterator(shardId, position, signal);
    let lastSequence: string | undefined;
    return {
      read: async (limit, readSignal): Promise<ShardRead<DynamoDBRecord>> => {
        if (iterator === undefined) return { records: [], ended: true };
        let page;
        try {
          page = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: Math.min(limit, this.maxReadLimit) }), {
            abortSignal: readSignal,
          });
        } catch (error) {
          if (errorCode(error) !== "ExpiredIteratorException") throw error;
          iterator = await this.iterator(shardId, lastSequence ? { type: "AFTER_SEQUENCE_NUMBER", sequenceNumber: lastSequence } : position, readSignal);
          return { records: [], ended: false };
        }
        iterator = page.NextShardIterator ?? undefined;
        const records = [];
        for (const record of page.Records ?? []) {
          const sequenceNumber = record.dynamodb?.SequenceNumber ?? "";
          lastSequence = sequenceNumber;
          const arrivalMs = record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? 0;
          if (notBefore !== undefined && arrivalMs < notBefore) continue;
          const event = toDynamoDBRecord(record, { streamArn: this.streamArn });
          records.push({ sequenceNumber, arrivalMs, sizeBytes: Buffer.byteLength(JSON.stringify(event)), event });
        }
        return { records, ended: iterator === undefined };
      },
    };
  }

  private async iterator(shardId: string, position: ShardPosition, signal: AbortSignal): Promise<string | undefined> {
    const type = position.type === "AT_TIMESTAMP" ? "TRIM_HORIZON" : position.type;
    const result = await this.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        SequenceNumber: position.type === "AFTER_SEQUENCE_NUMBER" ? position.sequenceNumber : undefined,
      }),
      { abortSignal: signal },
    );
    return result.ShardIterator;
  }
}
