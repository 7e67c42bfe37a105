/**
 * DynamoDB stream records, as the SDK's GetRecords returns them, turned into the records Lambda
 * puts in a DynamoDBStreamEvent: attribute values in DynamoDB's JSON (binary in base64), the
 * creation time in epoch seconds, and the stream's ARN as eventSourceARN.
 */
import type { _Record as StreamsRecord, AttributeValue as StreamsAttributeValue } from "@aws-sdk/client-dynamodb-streams";
import type { AttributeValue, DynamoDBRecord, StreamRecord } from "aws-lambda";

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

/** One attribute value in DynamoDB's JSON form, as Lambda's events carry it. */
export function toLambdaAttributeValue(value: StreamsAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttributeValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  throw new Error("A stream record holds an attribute value of a type the runtime does not know.");
}

export function toLambdaImage(image: Record<string, StreamsAttributeValue>): Record<string, AttributeValue> {
  const result: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(image)) result[name] = toLambdaAttributeValue(value);
  return result;
}

export function toDynamoDBRecord(record: StreamsRecord, source: { streamArn: string }): DynamoDBRecord {
  const stream = record.dynamodb ?? {};
  const dynamodb: StreamRecord = {};
  if (stream.ApproximateCreationDateTime) dynamodb.ApproximateCreationDateTime = Math.floor(stream.ApproximateCreationDateTime.getTime() / 1000);
  if (stream.Keys) dynamodb.Keys = toLambdaImage(stream.Keys);
  if (stream.NewImage) dynamodb.NewImage = toLambdaImage(stream.NewImage);
  if (stream.OldImage) dynamodb.OldImage = toLambdaImage(stream.OldImage);
  if (stream.SequenceNumber !== undefined) dynamodb.SequenceNumber = stream.SequenceNumber;
  if (stream.SizeBytes !== undefined) dynamodb.SizeBytes = stream.SizeBytes;
  if (stream.StreamViewType !== undefined) dynamodb.StreamViewType = stream.StreamViewType;
  const result: DynamoDBRecord = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    dynamodb,
    eventSourceARN: source.streamArn,
  };
  if (record.userIdentity) result.userIdentity = { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId };
  return result;
}
