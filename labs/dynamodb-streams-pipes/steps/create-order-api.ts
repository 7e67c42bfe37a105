import { z } from "zod";
import { PlainFailure } from "@/lib/aws/errors";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { OrdersPanel } from "../panels/orders-panel";
import { scanOrders, sendOrder } from "../demo-run";
import { MAX_AMOUNT } from "../order";
import { describeOrdersTable } from "../provision/table";
import type { StreamsResources } from "../resources";

const orderForm = z
  .object({
    customerName: z.string().trim().min(1, "Give the customer's name.").max(100),
    product: z.string().trim().min(1, "Say what was ordered.").max(100),
    amount: z.number({ error: "The amount must be a number." }).positive("The amount must be more than 0.").max(MAX_AMOUNT, `At most ${MAX_AMOUNT}.`),
    notes: z.string().max(500).default(""),
  })
  .strict();

export const createOrderApiStep = defineStep<StreamsResources>({
  id: "create-order-api",
  title: "The create-order API",
  explanation: [
    "Orders come in through `POST /orders`, an API Gateway route in front of **CreateOrderFunction**. The function checks the request, gives the order an id, stores it with `status` PENDING and `createdAt`, and answers **201 Created** with the order. A request it cannot accept gets **400** with every problem named (a missing product, an amount sent as text), and nothing is written.",
    "It also writes `valueTier`: HIGH above 10,000, STANDARD otherwise. It looks redundant next to `amount`; the last steps show why a filter on the table's stream needs it.",
    "The function does nothing else, on purpose. It does not call the worker or send to a queue: the write is the whole job, and the table's stream carries the order onwards. If something downstream is slow or broken, customers still get their 201.",
    "Send an order with the form; the item appears in the table below. On AWS this function needs `dynamodb:PutItem` on the table and the table's name in its `ORDERS_TABLE` environment variable, which the workbook sets for you.",
  ].join("\n\n"),
  actions: [
    defineAction<StreamsResources, typeof orderForm>({
      id: "create-order",
      label: "Send the order",
      panelOnly: true,
      params: orderForm,
      fields: [
        { name: "customerName", label: "Customer", type: "text", defaultValue: "Alice" },
        { name: "product", label: "Product", type: "text", defaultValue: "Wireless headphones" },
        { name: "amount", label: "Amount", type: "number", min: 0.01, max: MAX_AMOUNT, step: 0.01, defaultValue: 1499, help: "above 10,000 is high value" },
        { name: "notes", label: "Notes", type: "text", placeholder: "optional; FAIL makes the worker fail" },
      ],
      async run(context, params) {
        if (!(await describeOrdersTable(context))) {
          throw new PlainFailure("TableMissing", `${context.names.ordersTable} does not exist yet.`, "Create the table in the previous step first.");
        }
        const order = await sendOrder(context, params);
        return { message: `201 Created: order ${order.orderId} for ${order.amount} is ${order.status} (${order.valueTier.toLowerCase()} value).`, data: { order: { ...order } } };
      },
    }),
  ],
  panel: OrdersPanel,
  async check(context) {
    if (!(await describeOrdersTable(context))) return { passed: false, reason: `${context.names.ordersTable} does not exist yet: create it in the previous step.` };
    const orders = await scanOrders(context, 200);
    if (orders.length === 0) return { passed: false, reason: `${context.names.ordersTable} holds no order yet: send one with the form.` };
    const newest = orders.reduce((a, b) => (a.createdAt > b.createdAt ? a : b));
    return { passed: true, reason: `${context.names.ordersTable} holds ${orders.length} order${orders.length === 1 ? "" : "s"}; the newest, ${newest.orderId}, is ${newest.status}.` };
  },
  cli: (c) =>
    [
      "# Behind API Gateway the order arrives as an HTTP request:",
      "curl -X POST https://<api-id>.execute-api." + c.region + ".amazonaws.com/prod/orders \\",
      "  -H 'Content-Type: application/json' \\",
      `  -d '{"customerName":"Alice","product":"Wireless headphones","amount":1499,"notes":""}'`,
      "",
      "# What the function writes, done by hand:",
      `aws dynamodb put-item --table-name ${c.names.ordersTable} \\`,
      `  --item '{"orderId":{"S":"1234-5678"},"customerName":{"S":"Alice"},"product":{"S":"Wireless headphones"},"amount":{"N":"1499"},"notes":{"S":""},"status":{"S":"PENDING"},"createdAt":{"S":"2026-03-01T10:30:00Z"},"valueTier":{"S":"STANDARD"}}' \\`,
      "  --condition-expression 'attribute_not_exists(orderId)'",
    ].join("\n"),
  sdk: (c) =>
    [
      'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
      'import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";',
      "",
      `const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "${c.region}" }));`,
      "const order = {",
      "  orderId: crypto.randomUUID(), customerName: \"Alice\", product: \"Wireless headphones\",",
      '  amount: 1499, notes: "", status: "PENDING", createdAt: new Date().toISOString(),',
      '  valueTier: 1499 > 10000 ? "HIGH" : "STANDARD",',
      "};",
      `await documents.send(new PutCommand({ TableName: "${c.names.ordersTable}", Item: order, ConditionExpression: "attribute_not_exists(orderId)" }));`,
      "// The function answers { statusCode: 201, body: JSON.stringify({ order }) }.",
    ].join("\n"),
});
