/**
 * The events a pipe's source produces, shaped as Pipes (and Lambda) present them, and the view of
 * an event that filters and templates see: an SQS body that holds JSON is parsed, so patterns and
 * `<$.body.field>` paths reach into it (Pipes' implicit body parsing).
 */
import type { DynamoStreamRecord, ReceivedMessage } from "../core/links";

export interface SqsEvent {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, { stringValue?: string; binaryValue?: string; stringListValues: string[]; binaryListValues: string[]; dataType: string }>;
  md5OfBody: string;
  eventSource: "aws:sqs";
  eventSourceARN: string;
  awsRegion: string;
}

export type StreamEvent = DynamoStreamRecord & { eventSourceARN: string };

export function sqsEvent(message: ReceivedMessage, queueArn: string, region: string): SqsEvent {
  const messageAttributes: SqsEvent["messageAttributes"] = {};
  for (const [name, attribute] of Object.entries(message.messageAttributes)) {
    messageAttributes[name] = {
      stringValue: attribute.StringValue,
      binaryValue: attribute.BinaryValue,
      stringListValues: [],
      binaryListValues: [],
      dataType: attribute.DataType,
    };
  }
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: message.attributes,
    messageAttributes,
    md5OfBody: message.md5OfBody,
    eventSource: "aws:sqs",
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

export function streamEvent(record: DynamoStreamRecord, streamArn: string): StreamEvent {
  return { ...record, eventSourceARN: streamArn };
}

/** The event as filters and templates see it: an SQS body holding JSON is parsed. */
export function parsedView(event: SqsEvent | StreamEvent): unknown {
  if (!("body" in event)) return event;
  try {
    return { ...event, body: JSON.parse(event.body) as unknown };
  } catch {
    return event;
  }
}
