/**
 * The consumer's table as the lab's pages and checks read it: one saved message per item, with
 * where it came from and how many later deliveries were skipped against it.
 */
import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import type { FifoContext } from "./provision";

export interface SavedMessage {
  messageId: string;
  group: string;
  event: string | null;
  seq: number | null;
  sqsMessageId: string;
  /** SQS's sequence number: the order the queue accepted the message in. */
  sequenceNumber: string;
  receiveCount: number;
  savedAt: string;
  skippedDuplicates: number;
  skippedRedeliveries: number;
}

function text(item: Record<string, AttributeValue>, name: string): string | null {
  return item[name]?.S ?? null;
}

function number(item: Record<string, AttributeValue>, name: string): number | null {
  const value = item[name]?.N;
  return value === undefined ? null : Number(value);
}

export function savedMessageFrom(item: Record<string, AttributeValue>): SavedMessage {
  return {
    messageId: text(item, "message_id") ?? "",
    group: text(item, "message_group_id") ?? text(item, "order_id") ?? "",
    event: text(item, "event"),
    seq: number(item, "seq"),
    sqsMessageId: text(item, "sqs_message_id") ?? "",
    sequenceNumber: text(item, "sqs_sequence_number") ?? "",
    receiveCount: number(item, "receive_count") ?? 0,
    savedAt: text(item, "saved_at") ?? "",
    skippedDuplicates: number(item, "skipped_duplicates") ?? 0,
    skippedRedeliveries: number(item, "skipped_redeliveries") ?? 0,
  };
}

export const SAVED_READ_LIMIT = 1000;

/** Every saved message (up to 1,000: a lab's worth), read with a consistent scan. */
export async function readSavedMessages(context: FifoContext, limit = SAVED_READ_LIMIT): Promise<{ messages: SavedMessage[]; truncated: boolean }> {
  const messages: SavedMessage[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await context.aws.dynamodb.send(
      new ScanCommand({ TableName: context.names.processedTable, ExclusiveStartKey: start, ConsistentRead: true, Limit: Math.min(500, limit - messages.length) }),
      { abortSignal: context.signal },
    );
    for (const item of page.Items ?? []) messages.push(savedMessageFrom(item));
    start = page.LastEvaluatedKey;
  } while (start && messages.length < limit);
  return { messages, truncated: Boolean(start) };
}
