/**
 * Step 1: the FIFO queue with its FIFO dead-letter queue, and the idempotency table.
 */
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import type { CheckResult } from "@/lib/lab-framework/types";
import {
  MAX_RECEIVE_COUNT,
  VISIBILITY_TIMEOUT_SECONDS,
  describeTable,
  ensureQueues,
  ensureTable,
  hasMessageIdKey,
  queueAttributes,
  queueUrlOf,
  type FifoContext,
} from "../provision";
import type { FifoResources } from "../resources";

export async function checkQueueAndTable(context: FifoContext): Promise<CheckResult> {
  const { names } = context;
  const url = await queueUrlOf(context, names.ordersQueue);
  if (!url) return { passed: false, reason: `The queue ${names.ordersQueue} does not exist yet: run “Create the queues and the table”.` };
  const attributes = await queueAttributes(context, url, ["FifoQueue", "ContentBasedDeduplication", "RedrivePolicy", "VisibilityTimeout"]);
  if (attributes.FifoQueue !== "true") return { passed: false, reason: `${names.ordersQueue} is not a FIFO queue.` };
  const problems: string[] = [];
  if (attributes.ContentBasedDeduplication !== "true") problems.push("content-based deduplication is off");
  let redrive: { deadLetterTargetArn?: string; maxReceiveCount?: number | string } = {};
  try {
    redrive = JSON.parse(attributes.RedrivePolicy ?? "{}") as typeof redrive;
  } catch {
    problems.push("its redrive policy is not JSON");
  }
  if (!redrive.deadLetterTargetArn?.endsWith(`:${names.ordersDlq}`)) problems.push(`it does not send failed messages to ${names.ordersDlq}`);
  else if (Number(redrive.maxReceiveCount) !== MAX_RECEIVE_COUNT) problems.push(`its maxReceiveCount is ${redrive.maxReceiveCount}, not ${MAX_RECEIVE_COUNT}`);
  if (problems.length) return { passed: false, reason: `${names.ordersQueue} exists but ${problems.join(", ")}: run the action again to fix it.` };

  const dlqUrl = await queueUrlOf(context, names.ordersDlq);
  if (!dlqUrl) return { passed: false, reason: `The dead-letter queue ${names.ordersDlq} does not exist: run the action again.` };

  const table = await describeTable(context);
  if (!table) return { passed: false, reason: `The table ${names.processedTable} does not exist yet: run the action.` };
  if (!hasMessageIdKey(table)) return { passed: false, reason: `${names.processedTable} has another key than message_id (string); delete it in the clean-up step and create it again.` };
  if (table.TableStatus !== "ACTIVE") return { passed: false, reason: `${names.processedTable} is ${table.TableStatus?.toLowerCase() ?? "not ready"}; check again in a few seconds.` };
  return {
    passed: true,
    reason: `${names.ordersQueue} (FIFO, content-based deduplication, to the DLQ after ${MAX_RECEIVE_COUNT} receives) and ${names.processedTable} are ready.`,
    details: [`Visibility timeout ${attributes.VisibilityTimeout} s.`, `Dead-letter queue ${names.ordersDlq}.`, `Table key: message_id (string), on-demand capacity.`],
  };
}

export const queueAndTableStep = defineStep<FifoResources>({
  id: "queue-and-table",
  title: "A FIFO queue and an idempotency table",
  explanation: [
    "A **FIFO queue** (its name must end in `.fifo`) adds two promises to SQS: order and deduplication. Both have limits the consumer must know about.",
    "- **Message groups.** Every message names a group with `MessageGroupId`. Order holds inside a group and nowhere else. While one message of a group is being processed, the next ones of that group wait; other groups carry on. Here a group is one order (`order-1001`): its events (placed, paid, shipped) are handled in the order they happened, while other orders move in parallel.\n- **Deduplication ids.** SQS remembers every `MessageDeduplicationId` for **5 minutes**. A second send with an id it remembers is accepted and then dropped: the consumer never sees it. With **content-based deduplication** on, a send without an id gets the SHA-256 of its body as the id.\n- **The window is only 5 minutes, and delivery is still at least once.** The same order event sent again after the window, or under a new deduplication id, is a new message. And a consumer that dies after doing its work but before deleting the message receives it again when the visibility timeout (here 30 seconds) ends.",
    "So the consumer keeps its own memory: the table `processed-messages`, one item per `message_id`, the producer's id for the event. SQS's deduplication saves work; the table is what makes a second delivery harmless.",
    "A message received 3 times without being deleted goes to the dead-letter queue `orders-dlq.fifo` (the DLQ of a FIFO queue must be FIFO too), so one message that can never succeed cannot hold up its group for ever.",
  ].join("\n\n"),
  actions: [
    defineAction<FifoResources>({
      id: "create",
      label: "Create the queues and the table",
      description: "Safe to run again: existing resources keep their messages and items and get the lab's settings back.",
      async run(context) {
        const queues = await ensureQueues(context);
        const table = await ensureTable(context);
        const made = [...queues.created, ...(table.created ? [context.names.processedTable] : [])];
        const already = [context.names.ordersDlq, context.names.ordersQueue, context.names.processedTable].filter((n) => !made.includes(n));
        const parts = [made.length ? `Created ${made.join(", ")}.` : "", already.length ? `${already.join(", ")} already existed; their settings are the lab's.` : ""];
        if (table.status !== "ACTIVE") parts.push(`The table is still ${table.status.toLowerCase()}; the check passes once it is active.`);
        return { message: parts.filter(Boolean).join(" "), data: { created: made, tableStatus: table.status } };
      },
    }),
  ],
  check: checkQueueAndTable,
  cli: (c) =>
    [
      `# The dead-letter queue first: the main queue's redrive policy needs its ARN.`,
      `DLQ_URL=$(aws sqs create-queue --queue-name ${c.names.ordersDlq} \\`,
      `  --attributes FifoQueue=true,MessageRetentionPeriod=1209600 \\`,
      `  --tags Project=${c.tags.Project},Lab=${c.tags.Lab},Student=${c.tags.Student} --query QueueUrl --output text)`,
      `DLQ_ARN=$(aws sqs get-queue-attributes --queue-url "$DLQ_URL" --attribute-names QueueArn --query Attributes.QueueArn --output text)`,
      ``,
      `QUEUE_URL=$(aws sqs create-queue --queue-name ${c.names.ordersQueue} \\`,
      `  --attributes FifoQueue=true,ContentBasedDeduplication=true,VisibilityTimeout=${VISIBILITY_TIMEOUT_SECONDS} \\`,
      `  --tags Project=${c.tags.Project},Lab=${c.tags.Lab},Student=${c.tags.Student} --query QueueUrl --output text)`,
      `aws sqs set-queue-attributes --queue-url "$QUEUE_URL" \\`,
      `  --attributes '{"RedrivePolicy":"{\\"deadLetterTargetArn\\":\\"'"$DLQ_ARN"'\\",\\"maxReceiveCount\\":${MAX_RECEIVE_COUNT}}"}'`,
      ``,
      `aws dynamodb create-table --table-name ${c.names.processedTable} \\`,
      `  --attribute-definitions AttributeName=message_id,AttributeType=S \\`,
      `  --key-schema AttributeName=message_id,KeyType=HASH --billing-mode PAY_PER_REQUEST \\`,
      `  --tags Key=Project,Value=${c.tags.Project} Key=Lab,Value=${c.tags.Lab} Key=Student,Value=${c.tags.Student}`,
      `aws dynamodb wait table-exists --table-name ${c.names.processedTable}`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { SQSClient, CreateQueueCommand, GetQueueAttributesCommand } from "@aws-sdk/client-sqs";',
      'import { DynamoDBClient, CreateTableCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";',
      "",
      `const sqs = new SQSClient({ region: "${c.region}" });`,
      `const dynamodb = new DynamoDBClient({ region: "${c.region}" });`,
      `const tags = ${JSON.stringify(c.tags)};`,
      "",
      "const dlq = await sqs.send(new CreateQueueCommand({",
      `  QueueName: "${c.names.ordersDlq}",`,
      `  Attributes: { FifoQueue: "true", MessageRetentionPeriod: "1209600" },`,
      "  tags,",
      "}));",
      "const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: [\"QueueArn\"] }));",
      "",
      "await sqs.send(new CreateQueueCommand({",
      `  QueueName: "${c.names.ordersQueue}",`,
      "  Attributes: {",
      '    FifoQueue: "true",',
      '    ContentBasedDeduplication: "true",',
      `    VisibilityTimeout: "${VISIBILITY_TIMEOUT_SECONDS}",`,
      `    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes.QueueArn, maxReceiveCount: ${MAX_RECEIVE_COUNT} }),`,
      "  },",
      "  tags,",
      "}));",
      "",
      "await dynamodb.send(new CreateTableCommand({",
      `  TableName: "${c.names.processedTable}",`,
      '  AttributeDefinitions: [{ AttributeName: "message_id", AttributeType: "S" }],',
      '  KeySchema: [{ AttributeName: "message_id", KeyType: "HASH" }],',
      '  BillingMode: "PAY_PER_REQUEST",',
      "  Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),",
      "}));",
      `await waitUntilTableExists({ client: dynamodb, maxWaitTime: 60 }, { TableName: "${c.names.processedTable}" });`,
    ].join("\n"),
});
