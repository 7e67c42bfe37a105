import { PlainFailure } from "@/lib/aws/errors";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { StreamPanel } from "../panels/stream-panel";
import { scanOrders } from "../demo-run";
import { ensureProcessingQueue, queueDepth } from "../provision/queues";
import { describeOrdersTable } from "../provision/table";
import type { StreamsContext } from "../provision/context";
import type { StreamsResources } from "../resources";

export async function startStreamConsumer(context: StreamsContext): Promise<{ queueCreated: boolean }> {
  if (!(await describeOrdersTable(context))?.LatestStreamArn) {
    throw new PlainFailure("StreamMissing", `${context.names.ordersTable} has no stream yet.`, "Create the table with its stream first.");
  }
  const queue = await ensureProcessingQueue(context);
  await context.runtime.setEnvironment("streamForwarder", { QUEUE_URL: queue.url, ORDERS_TABLE: context.names.ordersTable });
  await context.runtime.ensureMapping("streamForwarder", "ordersTable", {
    startingPosition: "TRIM_HORIZON",
    batchSize: 10,
    functionResponseTypes: ["ReportBatchItemFailures"],
  });
  return { queueCreated: queue.created };
}

export const streamConsumerStep = defineStep<StreamsResources>({
  id: "stream-consumer",
  title: "Read the stream: forward new orders",
  explanation: [
    "Below are the raw records of the table's stream. Each has an `eventName` (INSERT for a new item, MODIFY for an update, REMOVE for a delete), the item's `Keys`, its `NewImage` and `OldImage` in DynamoDB's typed form (`{\"S\": \"Alice\"}`, `{\"N\": \"1499\"}`: numbers travel as text), and a `SequenceNumber` that orders the changes of one item.",
    "**OrderStreamForwarder** is a Lambda function triggered by the stream. Lambda reads each shard in order and hands the function batches of records; the function sends every new order to `order-processing-queue` as JSON and notes on the order when it was queued (`queuedAt`). It skips everything but INSERT, and that matters: its own note, and later the worker's status update, come back through the stream as MODIFY records, and forwarding those would send the order round again, forever.",
    "The trigger starts at `TRIM_HORIZON`, the oldest record the stream still keeps (24 hours), so the orders you sent in the last step are forwarded too. It reports batch item failures: if a send fails, the function names that record, and Lambda retries from there instead of sending the earlier orders of the batch twice.",
    "A stream is not a queue: records are not deleted when read, any number of readers can follow a shard (AWS recommends at most two per shard), and a record that keeps failing blocks its shard until it succeeds or expires. That is why the forwarder does one small thing and hands the order to SQS, which is built for retries.",
  ].join("\n\n"),
  actions: [
    defineAction<StreamsResources>({
      id: "start-consumer",
      label: "Start the stream consumer",
      panelOnly: true,
      description: "Creates the processing queue if it is missing (the next step gives it a DLQ) and adds the trigger.",
      async run(context) {
        const { queueCreated } = await startStreamConsumer(context);
        return {
          message: `${context.names.streamForwarder} now reads ${context.names.ordersTable}'s stream from its oldest record${queueCreated ? `, and ${context.names.processingQueue} was created for it` : ""}.`,
        };
      },
    }),
  ],
  panel: StreamPanel,
  async check(context) {
    const mapping = await context.runtime.findMapping("streamForwarder", "ordersTable");
    if (!mapping) return { passed: false, reason: "The stream consumer is not set up yet: start it with the button above." };
    if (mapping.state !== "Enabled") return { passed: false, reason: "The stream consumer's trigger is disabled: start it again." };
    if (mapping.problem) return { passed: false, reason: `The stream consumer is not running: ${mapping.problem}` };
    const depth = await queueDepth(context, "processingQueue");
    if (!depth) return { passed: false, reason: `${context.names.processingQueue} does not exist: start the consumer again to create it.` };
    const settled = (await scanOrders(context, 500)).some((o) => o.status !== "PENDING");
    if (depth.total === 0 && !settled) {
      return { passed: false, reason: `The consumer runs, but nothing has reached ${context.names.processingQueue} yet: send an order in the previous step and check again in a few seconds.` };
    }
    return { passed: true, reason: `The consumer forwards new orders: ${context.names.processingQueue} holds ${depth.total} message${depth.total === 1 ? "" : "s"}.` };
  },
  cli: (c) =>
    [
      `STREAM_ARN=$(aws dynamodb describe-table --table-name ${c.names.ordersTable} --query Table.LatestStreamArn --output text)`,
      `aws sqs create-queue --queue-name ${c.names.processingQueue} --attributes VisibilityTimeout=30 --tags Project=ServerlessLab,Lab=${c.labId},Student=${c.prefix}`,
      "",
      "# The function's queue, then its trigger (the function is deployed from handlers/stream-forwarder.ts):",
      `aws lambda update-function-configuration --function-name ${c.names.streamForwarder} \\`,
      `  --environment "Variables={QUEUE_URL=$(aws sqs get-queue-url --queue-name ${c.names.processingQueue} --query QueueUrl --output text)}"`,
      `aws lambda create-event-source-mapping --function-name ${c.names.streamForwarder} \\`,
      '  --event-source-arn "$STREAM_ARN" --starting-position TRIM_HORIZON --batch-size 10 \\',
      "  --function-response-types ReportBatchItemFailures",
      "",
      "# Read the raw records yourself:",
      'SHARD=$(aws dynamodbstreams describe-stream --stream-arn "$STREAM_ARN" --query "StreamDescription.Shards[0].ShardId" --output text)',
      'IT=$(aws dynamodbstreams get-shard-iterator --stream-arn "$STREAM_ARN" --shard-id "$SHARD" --shard-iterator-type TRIM_HORIZON --query ShardIterator --output text)',
      'aws dynamodbstreams get-records --shard-iterator "$IT"',
    ].join("\n"),
  sdk: (c) =>
    [
      'import { LambdaClient, CreateEventSourceMappingCommand } from "@aws-sdk/client-lambda";',
      'import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";',
      'import { unmarshall } from "@aws-sdk/util-dynamodb";',
      "",
      `await new LambdaClient({ region: "${c.region}" }).send(new CreateEventSourceMappingCommand({`,
      `  FunctionName: "${c.names.streamForwarder}", EventSourceArn: streamArn,`,
      '  StartingPosition: "TRIM_HORIZON", BatchSize: 10, FunctionResponseTypes: ["ReportBatchItemFailures"],',
      "}));",
      "",
      "// The handler (handlers/stream-forwarder.ts), in short:",
      "export const handler = async (event) => {",
      "  for (const record of event.Records) {",
      '    if (record.eventName !== "INSERT") continue;            // the worker\'s updates come back as MODIFY',
      "    const order = unmarshall(record.dynamodb.NewImage);",
      "    try { await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(order) })); }",
      "    catch { return { batchItemFailures: [{ itemIdentifier: record.dynamodb.SequenceNumber }] }; }",
      "  }",
      "  return { batchItemFailures: [] };",
      "};",
    ].join("\n"),
});
