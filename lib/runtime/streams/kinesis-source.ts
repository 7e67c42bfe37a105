/**
 * A Kinesis data stream as a stream mapping reads it: ListShards for the shards and their
 * parents, GetShardIterator + GetRecords per shard, a new iterator when one expires.
 */
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
  type Shard,
  type ShardIteratorType,
} from "@aws-sdk/client-kinesis";
import type { KinesisStreamRecord } from "aws-lambda";
import { streamNameFromArn } from "../arn";
import { errorCode } from "../backoff";
import { toKinesisRecord } from "../events/kinesis-event";
import type { ShardInfo, ShardPosition, ShardRead, ShardReader, StreamSource } from "./stream-source";

export class KinesisSource implements StreamSource<KinesisStreamRecord> {
  readonly eventSource = "aws:kinesis";
  readonly batchInfoKey = "KinesisBatchInfo";
  readonly maxReadLimit = 10_000;
  readonly idlePollMs = 1_000;
  readonly minReadIntervalMs = 200;
  private readonly streamName: string;

  constructor(
    private readonly client: KinesisClient,
    readonly streamArn: string,
    private readonly region: string,
    private readonly invokeIdentityArn: string,
  ) {
    this.streamName = streamNameFromArn(streamArn);
  }

  async listShards(signal: AbortSignal): Promise<ShardInfo[]> {
    const shards: Shard[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListShardsCommand(nextToken ? { NextToken: nextToken } : { StreamName: this.streamName }),
        { abortSignal: signal },
      );
      shards.push(...(page.Shards ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return shards.map((shard) => ({
      shardId: shard.ShardId ?? "",
      parentShardId: shard.ParentShardId,
      adjacentParentShardId: shard.AdjacentParentShardId,
      closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined,
    }));
  }

  async openShard(shardId: string, position: ShardPosition, signal: AbortSignal): Promise<ShardReader<KinesisStreamRecord>> {
    let iterator = await this.iterator(shardId, position, signal);
    let lastSequence: string | undefined;
    const source = { streamArn: this.streamArn, region: this.region, shardId, invokeIdentityArn: this.invokeIdentityArn };
    return {
      read: async (limit, readSignal): Promise<ShardRead<KinesisStreamRecord>> => {
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
        const records = (page.Records ?? []).map((record) => {
          const event = toKinesisRecord(record, source);
          return {
            sequenceNumber: event.kinesis.sequenceNumber,
            arrivalMs: record.ApproximateArrivalTimestamp?.getTime() ?? 0,
            sizeBytes: Buffer.byteLength(JSON.stringify(event)),
            event,
          };
        });
        if (records.length > 0) lastSequence = records[records.length - 1].sequenceNumber;
        return { records, ended: iterator === undefined };
      },
    };
  }

  private async iterator(shardId: string, position: ShardPosition, signal: AbortSignal): Promise<string | undefined> {
    const type: ShardIteratorType = position.type;
    const result = await this.client.send(
      new GetShardIteratorCommand({
        StreamName: this.streamName,
        ShardId: shardId,
        ShardIteratorType: type,
        StartingSequenceNumber: position.type === "AFTER_SEQUENCE_NUMBER" ? position.sequenceNumber : undefined,
        Timestamp: position.type === "AT_TIMESTAMP" ? new Date(position.timestamp) : undefined,
      }),
      { abortSignal: signal },
    );
    return result.ShardIterator;
  }
}
