/**
 * The live example of visibility timeout and redrive: a practice message sent straight to
 * OrderQueue and received again and again by a consumer that never deletes it, the way a consumer
 * that crashes behaves. Each receive hides it for the visibility timeout; the receive after the
 * third one finds SQS has moved it to OrderDLQ.
 */
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { PlainFailure } from "@/lib/aws/errors";
import { peekMessages, type QueueMessageView } from "@/lib/lab-framework/inspect/queue-inspection";
import { MAX_RECEIVE_COUNT, queueAttributes, requireQueue, type Context } from "./provision";

export const PRACTICE_MARKER = "practice-message";

export function isPracticeBody(body: string): boolean {
  return body.includes(`"kind":"${PRACTICE_MARKER}"`);
}

export async function sendPracticeMessage(context: Context): Promise<{ messageId: string }> {
  const queue = await requireQueue(context, "orderQueue", "Queues, visibility timeout and the DLQ");
  const body = JSON.stringify({ kind: PRACTICE_MARKER, note: "Received but never deleted, like a consumer that crashes each time.", sentAt: new Date().toISOString() });
  const { MessageId } = await context.aws.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }), { abortSignal: context.signal });
  return { messageId: MessageId ?? "" };
}

export type PracticeReceive =
  | { received: true; messageId: string; receiveCount: number; visibleAgainInSeconds: number }
  | { received: false; why: "nothing-visible" | "moved-to-dlq" | "only-orders" };

/**
 * One receive of a crashing consumer: it takes the practice message and does not delete it. An
 * order received along the way is made visible again at once (it still counts as a receive).
 */
export async function receiveLikeACrash(context: Context, visibilityTimeoutSeconds: number): Promise<PracticeReceive> {
  const queue = await requireQueue(context, "orderQueue", "Queues, visibility timeout and the DLQ");
  const dlq = await requireQueue(context, "orderDlq", "Queues, visibility timeout and the DLQ");
  const dlqBefore = await messageCount(context, dlq.url);
  const { Messages = [] } = await context.aws.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }),
    { abortSignal: context.signal },
  );
  let practice: PracticeReceive | null = null;
  for (const message of Messages) {
    if (!practice && isPracticeBody(message.Body ?? "")) {
      practice = {
        received: true,
        messageId: message.MessageId ?? "",
        receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
        visibleAgainInSeconds: visibilityTimeoutSeconds,
      };
      continue;
    }
    await context.aws.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }), {
      abortSignal: context.signal,
    });
  }
  if (practice) return practice;
  if ((await messageCount(context, dlq.url)) > dlqBefore) return { received: false, why: "moved-to-dlq" };
  return { received: false, why: Messages.length ? "only-orders" : "nothing-visible" };
}

/** Visible plus in-flight messages, from the queue's attributes (not a receive). */
async function messageCount(context: Context, url: string): Promise<number> {
  const attributes = await queueAttributes(context, url);
  return Number(attributes.ApproximateNumberOfMessages ?? 0) + Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
}

/** Practice messages in a queue, peeked (null where the connection cannot peek). */
export async function practiceIn(context: Context, queueName: string): Promise<QueueMessageView[] | null> {
  const messages = await peekMessages(context, queueName);
  return messages === null ? null : messages.filter((m) => isPracticeBody(m.body));
}

/** Deletes practice messages from the DLQ (received there, which moves nothing: the DLQ has no DLQ). */
export async function deletePracticeFromDlq(context: Context): Promise<number> {
  const dlq = await requireQueue(context, "orderDlq", "Queues, visibility timeout and the DLQ");
  let deleted = 0;
  for (let round = 0; round < 5; round += 1) {
    const { Messages = [] } = await context.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }), {
      abortSignal: context.signal,
    });
    if (!Messages.length) break;
    for (const message of Messages) {
      const practice = isPracticeBody(message.Body ?? "");
      if (practice) {
        await context.aws.sqs.send(new DeleteMessageCommand({ QueueUrl: dlq.url, ReceiptHandle: message.ReceiptHandle }), { abortSignal: context.signal });
        deleted += 1;
      } else {
        await context.aws.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: dlq.url, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }), {
          abortSignal: context.signal,
        });
      }
    }
    if (Messages.every((m) => !isPracticeBody(m.Body ?? ""))) break;
  }
  return deleted;
}

export function practiceExplanation(receive: PracticeReceive): string {
  if (receive.received) {
    const left = MAX_RECEIVE_COUNT - receive.receiveCount;
    return left > 0
      ? `Received it (receive ${receive.receiveCount} of ${MAX_RECEIVE_COUNT}) and did not delete it: it is invisible for ${receive.visibleAgainInSeconds} s, then SQS offers it again.`
      : `Received it for the ${MAX_RECEIVE_COUNT}rd time and did not delete it. When it is visible again, the next receive will not get it: SQS moves it to the DLQ instead.`;
  }
  if (receive.why === "moved-to-dlq") return `Nothing came back: the message had been received ${MAX_RECEIVE_COUNT} times, so SQS moved it to the DLQ instead of delivering it a fourth time.`;
  if (receive.why === "only-orders") return "Only orders were visible; they were put back at once. Send a practice message first.";
  return "Nothing is visible right now: the practice message is still invisible (wait for the countdown, or fast-forward), or there is none; send one.";
}

export function requirePracticeQueueIdle(processorEnabled: boolean): void {
  if (processorEnabled) {
    throw new PlainFailure(
      "ProcessorRunning",
      "The order processor is reading OrderQueue, so it would take the practice message first.",
      'Turn the processor off in step "The order processor", or skip this example.',
    );
  }
}
