import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { WorkerPanel } from "../panels/worker-panel";
import { answerBody, callOrderApi, nonce, pause, queuedWith, storedOrders } from "../orders";
import { ensureTables, tableExists, type CafeContext } from "../provision";
import type { CafeResources } from "../resources";
import { enableTriggerAction, workerTrigger } from "../trigger";

async function menuCount(context: CafeContext, item: string): Promise<number> {
  const { Item } = await context.aws.documents.send(new GetCommand({ TableName: context.names.menuTable, Key: { item }, ConsistentRead: true }), { abortSignal: context.signal });
  return Number(Item?.orders ?? 0);
}

export const workerStep = defineStep<CafeResources>({
  id: "worker",
  title: "The worker",
  explanation: [
    "The consumer, **CafeOrderWorker**, stores each order in `CafeOrders` (order id, table, customer, item, quantity, status `RECEIVED`, `created_at`) and adds the quantity to the item's `orders` counter in `CafeMenu` with an `ADD` update. The write-up stored orders in a relational database (RDS) and kept the menu in DynamoDB; here both are DynamoDB tables, so there is no VPC, database password or driver layer to set up, and what the lab teaches about the queue is the same.",
    "The **trigger** (an event source mapping) is what makes it a consumer: Lambda polls the queue for you, hands each batch to the function, and deletes the messages when the function returns. If the function throws, nothing is deleted and the message comes back after the visibility timeout. The write-up's settings: **batch size 1** (one order per invocation, easy to follow in the logs), **no batching window**, **no partial batch responses**.",
    "Standard queues deliver at least once, so the worker writes the order and the counter in one transaction that stores an order id only once: a message delivered twice is not counted twice.",
    "Create the tables (the menu is seeded with prices), then enable the trigger and watch the waiting orders drain. The check sends one order (customer `Check …`, 2 teas) and expects it stored and the tea counter up by 2.",
  ].join("\n\n"),
  panel: WorkerPanel,
  checkNote: "This check is a smoke test: it sends one order (customer “Check …”, 2 teas) and expects the worker to store it and count 2 more teas.",
  actions: [
    defineAction<CafeResources>({
      id: "create-tables",
      label: "Create the tables",
      tone: "secondary",
      checkAfter: false,
      async run(context) {
        const { created } = await ensureTables(context);
        return {
          message: created.length
            ? `Created ${created.join(" and ")}; the menu is seeded with prices.`
            : `${context.names.ordersTable} and ${context.names.menuTable} already existed; the menu's prices are set, its counters kept.`,
        };
      },
    }),
    enableTriggerAction(),
  ],
  async check(context) {
    if (!(await tableExists(context, "ordersTable")) || !(await tableExists(context, "menuTable"))) return { passed: false, reason: "The tables do not exist yet: create them with the button above." };
    const trigger = await workerTrigger(context);
    if (!trigger || trigger.state !== "Enabled") return { passed: false, reason: "The worker's trigger is not on: enable it with the button above." };
    const environment = await context.runtime.environment("orderWorker");
    if (environment.FORCE_FAILURE === "true") return { passed: false, reason: "The worker is switched to fail (“Forced failure”): fix it there first." };
    const mark = `Check ${nonce()}`;
    const before = await menuCount(context, "Tea");
    const call = await callOrderApi(context, JSON.stringify({ table_number: 5, customer_name: mark, item: "Tea", quantity: 2 }));
    if (call.response?.statusCode !== 202) return { passed: false, reason: `The order API answered ${call.response?.statusCode ?? call.error}: ${String(answerBody(call).error ?? "")}` };
    const deadline = Date.now() + (context.aws.connection.endpoint ? 15_000 : 30_000);
    for (;;) {
      const [stored, queued] = await Promise.all([storedOrders(context, mark), queuedWith(context, mark)]);
      const after = await menuCount(context, "Tea");
      if (stored.length === 1 && (queued ?? 0) === 0 && after - before >= 2) {
        const order = stored[0];
        return {
          passed: true,
          reason: `The worker took the order off the queue, stored ${String(order.order_id)} as ${String(order.status)} and counted 2 more teas (${before} → ${after}).`,
        };
      }
      if (Date.now() > deadline) {
        return {
          passed: false,
          reason: stored.length ? "The order was stored but the tea counter did not grow by 2." : "The order did not reach the table in time: is the worker failing? Look at its log below.",
          details: [`Stored: ${stored.length}`, `Still in the queue: ${queued ?? "unknown (this endpoint cannot peek)"}`, `Tea counter: ${before} → ${after}`],
        };
      }
      await pause(250, context.signal);
    }
  },
  cli: (c) =>
    [
      `aws dynamodb create-table --table-name ${c.names.ordersTable} --billing-mode PAY_PER_REQUEST \\`,
      "  --attribute-definitions AttributeName=order_id,AttributeType=S --key-schema AttributeName=order_id,KeyType=HASH \\",
      `  --tags Key=Project,Value=${c.tags.Project} Key=Lab,Value=${c.tags.Lab} Key=Student,Value=${c.tags.Student}`,
      `aws dynamodb create-table --table-name ${c.names.menuTable} --billing-mode PAY_PER_REQUEST \\`,
      "  --attribute-definitions AttributeName=item,AttributeType=S --key-schema AttributeName=item,KeyType=HASH \\",
      `  --tags Key=Project,Value=${c.tags.Project} Key=Lab,Value=${c.tags.Lab} Key=Student,Value=${c.tags.Student}`,
      `aws dynamodb update-item --table-name ${c.names.menuTable} --key '{"item":{"S":"Tea"}}' \\`,
      `  --update-expression "SET price = :p, orders = if_not_exists(orders, :zero)" --expression-attribute-values '{":p":{"N":"2.5"},":zero":{"N":"0"}}'`,
      "",
      "# The trigger (on AWS, once the function is deployed):",
      `aws lambda create-event-source-mapping --function-name ${c.names.orderWorker} --batch-size 1 --maximum-batching-window-in-seconds 0 \\`,
      `  --event-source-arn arn:aws:sqs:${c.region}:<account>:${c.names.ordersQueue}`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { LambdaClient, CreateEventSourceMappingCommand } from "@aws-sdk/client-lambda";',
      'import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";',
      "",
      "// The trigger",
      `await new LambdaClient({ region: "${c.region}" }).send(new CreateEventSourceMappingCommand({`,
      `  FunctionName: "${c.names.orderWorker}", EventSourceArn: queueArn, BatchSize: 1, MaximumBatchingWindowInSeconds: 0,`,
      "}));",
      "",
      "// What the worker does with each record (labs/cafe-sqs/handlers/order-worker.ts)",
      "await documents.send(new TransactWriteCommand({ TransactItems: [",
      `  { Put: { TableName: "${c.names.ordersTable}", Item: { ...order, status: "RECEIVED", created_at }, ConditionExpression: "attribute_not_exists(order_id)" } },`,
      `  { Update: { TableName: "${c.names.menuTable}", Key: { item: order.item }, UpdateExpression: "ADD orders :quantity", ExpressionAttributeValues: { ":quantity": order.quantity } } },`,
      "] }));",
    ].join("\n"),
});
