import { z } from "zod";
import type { JsonValue } from "@/lib/lab-framework/types";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { OrderFormPanel } from "../panels/order-form-panel";
import { answerBody, callOrderApi, nonce, pause, queueDepth, queuedWith, storedOrders, type OrderCall } from "../orders";
import { queueUrl, type CafeContext } from "../provision";
import type { CafeResources } from "../resources";

const placeOrderParams = z.object({ body: z.string().max(4000) }).strict();

export function callView(call: OrderCall): JsonValue {
  return {
    requestId: call.requestId,
    event: JSON.parse(JSON.stringify(call.event)) as JsonValue,
    response: call.response ? { statusCode: call.response.statusCode, headers: call.response.headers, body: call.response.body } : null,
    error: call.error ?? null,
  };
}

/** The check's three requests: one good order and two the API must refuse. */
function testOrders(mark: string) {
  return [
    { name: "A valid order", body: { table_number: 1, customer_name: mark, item: "Latte", quantity: 1 }, status: 202, error: undefined },
    { name: "An order without an item", body: { table_number: 2, customer_name: mark, quantity: 1 }, status: 400, error: "Missing required field: item" },
    { name: "An order for zero drinks", body: { table_number: 3, customer_name: mark, item: "Tea", quantity: 0 }, status: 400, error: "quantity must be a positive whole number" },
  ];
}

async function arrivals(context: CafeContext, mark: string, before: number | null): Promise<{ count: number; how: string } | null> {
  const peeked = await queuedWith(context, mark);
  const stored = (await storedOrders(context, mark)).length;
  if (peeked !== null) return { count: peeked + stored, how: stored ? "it is in the queue or already stored by the worker" : "it is in the queue, seen by peeking" };
  if (stored) return { count: stored, how: "the worker has already stored it" };
  const depth = await queueDepth(context);
  if (depth && before !== null) return { count: depth.visible + depth.inFlight + depth.delayed - before, how: "the queue's approximate count grew by one" };
  return null;
}

export const orderApiStep = defineStep<CafeResources>({
  id: "order-api",
  title: "The order API",
  explanation: [
    "The producer, **CafeOrderApi**, is a Lambda function behind API Gateway. It reads the order from the request body, checks it, sends it to the queue and answers **202 Accepted** with the order — before anyone has made the coffee. It never talks to the database.",
    "What it accepts: `table_number`, `item` and `quantity` are required; `table_number` and `quantity` must be positive whole numbers; `customer_name` is optional and becomes `Guest`. Anything else is a **400** that says what is wrong, and nothing is queued. The queue's URL reaches the function as the environment variable `SQS_QUEUE_URL`, as in the write-up.",
    "Order from the menu below, or edit the raw request to break the rules on purpose. The raw panel shows the event API Gateway hands the function and the response it sends back. The check is a smoke test: it sends one good order and two bad ones (marked with the customer name `Check …`) and expects exactly one message to arrive.",
  ].join("\n\n"),
  panel: OrderFormPanel,
  checkNote: "This check is a smoke test: it sends one good order and two bad ones through the API (customer “Check …”) and expects exactly one message to arrive.",
  actions: [
    defineAction<CafeResources, typeof placeOrderParams>({
      id: "place-order",
      label: "Place the order",
      params: placeOrderParams,
      panelOnly: true,
      checkAfter: false,
      async run(context, { body }) {
        const call = await callOrderApi(context, body);
        const status = call.response?.statusCode;
        const message = call.error
          ? `The function failed: ${call.error}`
          : status === 202
            ? `202 Accepted: order ${String(answerBody(call).order && (answerBody(call).order as Record<string, JsonValue>).order_id)} is in the queue.`
            : `${status}: ${String(answerBody(call).error ?? "see the response")}`;
        return { message, data: callView(call) };
      },
    }),
  ],
  async check(context) {
    if (!(await queueUrl(context, "ordersQueue"))) return { passed: false, reason: `${context.names.ordersQueue} does not exist yet: create it in “Create the queue” first.` };
    const mark = `Check ${nonce()}`;
    const depthBefore = await queueDepth(context);
    const before = depthBefore ? depthBefore.visible + depthBefore.inFlight + depthBefore.delayed : null;
    const details: string[] = [];
    let ok = true;
    for (const test of testOrders(mark)) {
      const call = await callOrderApi(context, JSON.stringify(test.body));
      const status = call.response?.statusCode;
      const error = String(answerBody(call).error ?? "");
      const good = status === test.status && (!test.error || error.startsWith(test.error));
      ok &&= good;
      details.push(`${test.name}: ${call.error ? `the function failed (${call.error})` : `${status}${error ? ` “${error}”` : " Accepted"}`}${good ? "" : ` — expected ${test.status}${test.error ? ` “${test.error}…”` : ""}`}.`);
    }
    if (!ok) return { passed: false, reason: "The order API did not answer as it should.", details };
    let arrived: { count: number; how: string } | null = null;
    for (let attempt = 0; attempt < 20; attempt++) {
      arrived = await arrivals(context, mark, before);
      if (arrived && arrived.count >= 1) break;
      await pause(250, context.signal);
    }
    if (!arrived || arrived.count < 1) return { passed: false, reason: "The valid order was accepted but no message arrived in the queue.", details };
    if (arrived.count > 1) return { passed: false, reason: `${arrived.count} messages arrived for one valid order: a rejected order was queued too.`, details };
    details.push(`Exactly one message arrived: ${arrived.how}.`);
    return { passed: true, reason: "The API accepts a good order with 202, refuses bad ones with 400, and queues only the good one.", details };
  },
  cli: (c) =>
    [
      "# On AWS, once the function is deployed: a test event shaped like API Gateway's",
      `aws lambda invoke --function-name ${c.names.orderApi} --cli-binary-format raw-in-base64-out \\`,
      `  --payload '{"httpMethod":"POST","path":"/orders","body":"{\\"table_number\\":1,\\"customer_name\\":\\"Charlie\\",\\"item\\":\\"Latte\\",\\"quantity\\":2}"}' response.json`,
      "",
      "# What the function does with a good order (works on any endpoint):",
      `aws sqs send-message --message-body '{"order_id":"ord-1","table_number":1,"customer_name":"Charlie","item":"Latte","quantity":2}' \\`,
      `  --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.ordersQueue} --query QueueUrl --output text)"`,
    ].join("\n"),
  sdk: () =>
    [
      "// labs/cafe-sqs/handlers/order-api.ts — deployable as it is (entry point: handler)",
      'import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";',
      "",
      "const checked = checkOrderBody(event.body);",
      "if (!checked.ok) return { statusCode: 400, body: JSON.stringify({ error: checked.error }) };",
      "const order = { order_id: newOrderId(), ...checked.order };",
      "await sqs.send(new SendMessageCommand({ QueueUrl: process.env.SQS_QUEUE_URL, MessageBody: JSON.stringify(order) }));",
      'return { statusCode: 202, body: JSON.stringify({ message: "Order accepted", order }) };',
    ].join("\n"),
});
