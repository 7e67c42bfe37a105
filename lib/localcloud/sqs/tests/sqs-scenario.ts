/**
 * One SQS scenario run against any endpoint, reduced to what can be compared between two
 * implementations: values, digests, counts and error names, never generated ids or hosts.
 */
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  TagQueueCommand,
} from "@aws-sdk/client-sqs";

export type Observations = Record<string, unknown>;

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "(no error)";
  } catch (error) {
    return (error as { name: string }).name;
  }
}

const counts = async (sqs: SQSClient, url: string) => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
    }),
  );
  return [Attributes.ApproximateNumberOfMessages, Attributes.ApproximateNumberOfMessagesNotVisible, Attributes.ApproximateNumberOfMessagesDelayed].join("/");
};

export async function runScenario(sqs: SQSClient, prefix: string): Promise<Observations> {
  const o: Observations = {};
  const path = (url: string | undefined) => new URL(url as string).pathname;

  const { QueueUrl: url } = await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-orders`, tags: { Project: "ServerlessLab" } }));
  o["CreateQueue path"] = path(url);
  const defaults: Record<string, string> = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }))).Attributes ?? {};
  for (const name of ["VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "QueueArn"]) {
    o[`default ${name}`] = defaults[name];
  }
  o["default attribute names"] = Object.keys(defaults).sort();
  o["CreateQueue same attributes"] = path((await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-orders` }))).QueueUrl);
  o["CreateQueue different attributes"] = await errorName(
    sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-orders`, Attributes: { VisibilityTimeout: "99" } })),
  );

  const attributes = {
    Priority: { DataType: "Number", StringValue: "2" },
    customer: { DataType: "String", StringValue: "Zoë" },
    blob: { DataType: "Binary", BinaryValue: new Uint8Array([1, 2, 3]) },
  };
  const sent = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '{"item":"latte"}', MessageAttributes: attributes }));
  o["SendMessage MD5OfMessageBody"] = sent.MD5OfMessageBody;
  o["SendMessage MD5OfMessageAttributes"] = sent.MD5OfMessageAttributes;
  const received = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["All"], VisibilityTimeout: 30 }),
  );
  const message = received.Messages?.[0];
  o["ReceiveMessage body"] = message?.Body;
  o["ReceiveMessage same id"] = message?.MessageId === sent.MessageId;
  o["ReceiveMessage MD5OfMessageAttributes"] = message?.MD5OfMessageAttributes;
  o["ReceiveMessage ApproximateReceiveCount"] = message?.Attributes?.ApproximateReceiveCount;
  o["ReceiveMessage system attribute names"] = Object.keys(message?.Attributes ?? {}).sort();
  o["ReceiveMessage binary attribute"] = Array.from(message?.MessageAttributes?.blob?.BinaryValue ?? []);
  o["counts after receive"] = await counts(sqs, url as string);
  await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: message?.ReceiptHandle, VisibilityTimeout: 0 }));
  o["counts after visibility 0"] = await counts(sqs, url as string);
  const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
  o["second receive count"] = again.Messages?.[0].Attributes?.ApproximateReceiveCount;
  await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: again.Messages?.[0].ReceiptHandle }));
  o["counts after delete"] = await counts(sqs, url as string);

  const batch = await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: url,
      Entries: [
        { Id: "a", MessageBody: "one" },
        { Id: "b", MessageBody: "two", DelaySeconds: 5 },
      ],
    }),
  );
  o["SendMessageBatch successful"] = (batch.Successful ?? []).map((s) => s.Id).sort();
  o["counts after batch"] = await counts(sqs, url as string);
  const batchReceived = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
  const deleted = await sqs.send(
    new DeleteMessageBatchCommand({
      QueueUrl: url,
      Entries: [
        { Id: "ok", ReceiptHandle: batchReceived.Messages?.[0].ReceiptHandle },
        { Id: "bad", ReceiptHandle: "not-a-receipt-handle" },
      ],
    }),
  );
  o["DeleteMessageBatch successful"] = (deleted.Successful ?? []).map((s) => s.Id);
  o["DeleteMessageBatch failed codes"] = (deleted.Failed ?? []).map((f) => `${f.Id}:${f.Code}:${f.SenderFault}`);

  o["error: missing queue"] = await errorName(sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${url}-missing`, AttributeNames: ["All"] })));
  o["error: MaxNumberOfMessages 11"] = await errorName(sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 11 })));
  o["error: empty batch"] = await errorName(sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [] })));
  o["error: repeated batch ids"] = await errorName(
    sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: "x", MessageBody: "1" }, { Id: "x", MessageBody: "2" }] })),
  );
  o["error: eleven batch entries"] = await errorName(
    sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: "x" })) })),
  );
  o["error: bad receipt handle"] = await errorName(sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: "garbage" })));
  o["error: visibility 43201"] = await errorName(sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: "43201" } })));
  o["error: unknown attribute"] = await errorName(sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Colour: "blue" } as Record<string, string> })));
  o["error: message too large"] = await errorName(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "x".repeat(1_048_577) })));
  o["error: invalid characters"] = await errorName(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "\u0000" })));

  await sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { Lab: "cafe-sqs" } }));
  o["ListQueueTags"] = (await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags;
  o["ListQueues by prefix"] = ((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: `${prefix}-` }))).QueueUrls ?? []).map(path).sort();
  await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
  o["counts after purge"] = await counts(sqs, url as string);

  const { QueueUrl: fifo } = await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-orders.fifo`, Attributes: { FifoQueue: "true" } }));
  const fifoAttributes: Record<string, string> = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: fifo, AttributeNames: ["All"] }))).Attributes ?? {};
  o["FIFO attributes"] = ["FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"].map((n) => `${n}=${fifoAttributes[n]}`);
  const f1 = await sqs.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: "a1", MessageGroupId: "a", MessageDeduplicationId: "d1" }));
  const f1again = await sqs.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: "a1", MessageGroupId: "a", MessageDeduplicationId: "d1" }));
  o["FIFO duplicate returns same id"] = f1.MessageId === f1again.MessageId;
  await sqs.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: "a2", MessageGroupId: "a", MessageDeduplicationId: "d2" }));
  await sqs.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: "b1", MessageGroupId: "b", MessageDeduplicationId: "d3" }));
  o["FIFO counts"] = await counts(sqs, fifo as string);
  const fifoFirst = await sqs.send(new ReceiveMessageCommand({ QueueUrl: fifo, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["All"] }));
  o["FIFO first receive bodies"] = (fifoFirst.Messages ?? []).map((m) => m.Body);
  o["FIFO system attribute names"] = Object.keys(fifoFirst.Messages?.[0]?.Attributes ?? {}).sort();
  const held = await sqs.send(new ReceiveMessageCommand({ QueueUrl: fifo, MaxNumberOfMessages: 10 }));
  o["FIFO receive while held"] = (held.Messages ?? []).map((m) => m.Body);
  o["error: FIFO without group"] = await errorName(sqs.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: "x", MessageDeduplicationId: "z" })));
  o["error: FIFO without dedup id"] = await errorName(sqs.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: "x", MessageGroupId: "g" })));

  const { QueueUrl: dlq } = await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-dlq` }));
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ["QueueArn"] }))).Attributes?.QueueArn;
  const { QueueUrl: source } = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${prefix}-source`,
      Attributes: { VisibilityTimeout: "0", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) },
    }),
  );
  o["RedrivePolicy as returned"] = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: source, AttributeNames: ["RedrivePolicy"] }))).Attributes?.RedrivePolicy;
  await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: "poison" }));
  const receipts: number[] = [];
  for (let i = 0; i < 3; i++) {
    receipts.push((await sqs.send(new ReceiveMessageCommand({ QueueUrl: source }))).Messages?.length ?? 0);
  }
  o["DLQ receives from source"] = receipts;
  o["DLQ counts"] = await counts(sqs, dlq as string);
  return o;
}
