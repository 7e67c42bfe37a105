/**
 * Kinesis records, as GetRecords returns them through the SDK, turned into the records Lambda puts
 * in a KinesisStreamEvent: data in base64, the arrival time in epoch seconds (with milliseconds),
 * eventID `shardId:sequenceNumber`, and the function's role as invokeIdentityArn.
 */
import type { _Record as KinesisRecord } from "@aws-sdk/client-kinesis";
import type { KinesisStreamRecord } from "aws-lambda";

export interface KinesisEventSource {
  streamArn: string;
  region: string;
  shardId: string;
  invokeIdentityArn: string;
}

export function toKinesisRecord(record: KinesisRecord, source: KinesisEventSource): KinesisStreamRecord {
  const sequenceNumber = record.SequenceNumber ?? "";
  const arrivalMs = record.ApproximateArrivalTimestamp?.getTime() ?? 0;
  return {
    kinesis: {
      kinesisSchemaVersion: "1.0",
      partitionKey: record.PartitionKey ?? "",
      sequenceNumber,
      data: Buffer.from(record.Data ?? new Uint8Array()).toString("base64"),
      approximateArrivalTimestamp: arrivalMs / 1000,
    },
    eventSource: "aws:kinesis",
    eventVersion: "1.0",
    eventID: `${source.shardId}:${sequenceNumber}`,
    eventName: "aws:kinesis:record",
    invokeIdentityArn: source.invokeIdentityArn,
    awsRegion: source.region,
    eventSourceARN: source.streamArn,
  };
}
