/**
 * Every step of the lab through the same context the routes use, against the local cloud, as a
 * student clicks through it — the timed ones fast-forwarded on the cloud's clock. Each check must
 * fail before its step is done and pass after.
 */
import { GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { LOAD_BATCH, LOAD_ORDERS } from "./load-run";
import { storedOrders } from "./orders";
import { queueUrl, type CafeContext } from "./provision";
import { cafeContext, eventually, stepsOf } from "./test-support";

let cloud: LocalCloud;
let context: CafeContext;
let steps: ReturnType<typeof stepsOf>;

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await cafeContext(cloud.endpoint, "walk1");
  steps = stepsOf(context);
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

async function counts(key: "ordersQueue" | "ordersDlq") {
  const url = await queueUrl(context, key);
  const { Attributes = {} } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url ?? "", AttributeNames: ["All"] }));
  return { visible: Number(Attributes.ApproximateNumberOfMessages), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible) };
}

describe("the Cafe lab, step by step on the local cloud", () => {
  it("1 why a queue: connected, names free", async () => {
    expect(await steps.check("why-a-queue")).toMatchObject({ passed: true });
  });

  it("2 creates the queue with the lab's settings", async () => {
    expect(await steps.check("create-queue")).toMatchObject({ passed: false, reason: expect.stringContaining("does not exist yet") });
    expect((await steps.act("create-queue", "create-queue")).message).toBe("Created walk1-CafeOrdersQueue.");
    expect(await steps.check("create-queue")).toMatchObject({ passed: true });
  });

  it("3 the order API answers 202 or 400 and queues only good orders", async () => {
    const accepted = await steps.act("order-api", "place-order", { body: JSON.stringify({ table_number: 4, customer_name: "Charlie", item: "Latte", quantity: 2 }) });
    expect(accepted.message).toMatch(/^202 Accepted: order ord-/);
    const refused = await steps.act("order-api", "place-order", { body: "{}" });
    expect(refused.message).toBe("400: Missing required field: table_number");
    const check = await steps.check("order-api");
    expect(check).toMatchObject({ passed: true });
    expect(check.details).toContain("Exactly one message arrived: it is in the queue, seen by peeking.");
  });

  it("4 the messages wait, never received", async () => {
    expect(await steps.check("message-waits")).toMatchObject({ passed: true, reason: "2 orders are waiting in the queue with no worker to take them." });
    expect(await counts("ordersQueue")).toEqual({ visible: 2, inFlight: 0 });
  });

  it("5 the worker drains the queue and stores the orders", async () => {
    await expect(steps.act("worker", "enable-trigger")).rejects.toThrow(/nowhere to store orders/);
    await steps.act("worker", "create-tables");
    await steps.act("worker", "enable-trigger");
    await eventually("the waiting orders to be stored", async () => (await storedOrders(context, "")).length >= 2);
    expect(await steps.check("worker")).toMatchObject({ passed: true, reason: expect.stringMatching(/counted 2 more teas \(0 → 2\)/) });
  });

  it("6 two consumers compete: the page's poll finds nothing while the trigger is on", async () => {
    expect(await steps.check("compete")).toMatchObject({ passed: false, reason: expect.stringContaining("Switch the trigger off once") });
    await steps.act("compete", "send-orders", { count: 3 });
    await eventually("the queue to drain", async () => (await counts("ordersQueue")).visible + (await counts("ordersQueue")).inFlight === 0);
    await steps.act("compete", "disable-trigger");
    await steps.act("compete", "send-orders", { count: 3 });
    expect(await counts("ordersQueue")).toEqual({ visible: 3, inFlight: 0 });
    await steps.act("compete", "enable-trigger");
    await eventually("the queue to drain again", async () => (await counts("ordersQueue")).visible + (await counts("ordersQueue")).inFlight === 0);
    expect(await steps.check("compete")).toMatchObject({ passed: true });
  });

  it("7 a failing order comes back after each visibility timeout, lands in the DLQ, and is redriven once fixed", async () => {
    await steps.act("forced-failure", "break-worker");
    const sent = await steps.act("forced-failure", "send-poison-order");
    const messageId = (sent.data as { messageId: string }).messageId;
    await eventually("the first failure", async () => (await context.runtime.logs({ filter: { outcome: "error" } })).length >= 1);
    expect(await counts("ordersQueue")).toEqual({ visible: 0, inFlight: 1 });
    await steps.act("forced-failure", "add-dlq");
    for (let attempt = 2; attempt <= 3; attempt++) {
      cloud.clock.advance(61_000);
      await eventually(`failure ${attempt}`, async () => (await context.runtime.logs({ filter: { outcome: "error" } })).length >= attempt);
    }
    cloud.clock.advance(61_000);
    await eventually("the order in the DLQ", async () => (await counts("ordersDlq")).visible === 1);
    expect(await steps.check("forced-failure")).toMatchObject({ passed: false, reason: expect.stringContaining("still fails on purpose") });
    await steps.act("forced-failure", "fix-worker");
    expect(await steps.check("forced-failure")).toMatchObject({ passed: false, reason: "1 order waits in the DLQ: redrive it back to the queue." });
    await steps.act("forced-failure", "redrive");
    await eventually("the redriven order stored", async () => {
      const logs = await context.runtime.logs({ filter: { text: "order_stored" } });
      return logs.some((l) => l.type === "handler" && l.trace_id === messageId) || (await counts("ordersDlq")).visible === 0 && (await counts("ordersQueue")).visible + (await counts("ordersQueue")).inFlight === 0;
    });
    await eventually("the check to pass", async () => (await steps.check("forced-failure")).passed);
  });

  it("8 CloudWatch shows the queue's traffic and the worker's invocations", async () => {
    await context.runtime.flushMetrics();
    cloud.clock.advance(61_000);
    expect(await steps.check("metrics")).toMatchObject({ passed: true });
  });

  it("9 a load of 100 orders is stored and the queue drains", async () => {
    for (let batch = 0; batch < LOAD_ORDERS / LOAD_BATCH; batch++) await steps.act("load", "send-load", { run: "run1", batch });
    await eventually("100 load orders stored", async () => (await storedOrders(context, "Load run1")).length === LOAD_ORDERS, 30_000);
    await eventually("the load check", async () => (await steps.check("load")).passed);

  });

  it("10 common mistakes can be made and undone", async () => {
    await steps.act("common-mistakes", "wire-api-as-consumer");
    expect(await steps.check("common-mistakes")).toMatchObject({ passed: false, details: ["The queue's trigger still invokes the order API.", "The worker's trigger is off."] });
    const storedBefore = (await storedOrders(context, "")).length;
    await steps.act("common-mistakes", "send-orders", { count: 2 });
    // The orders vanish: the API answers each SQS event with a 400 and returns, so SQS deletes it. (Long polls
    // the disabled worker still had open may receive an order first and hand it back, raising its receive count.)
    await eventually("the API to swallow an order from the queue", async () =>
      (await context.runtime.logs({ filter: { type: "invocation", function: context.names.orderApi } })).some((l) => l.type === "invocation" && l.eventSource === "aws:sqs"),
    );
    await eventually("the queue to be empty", async () => (await counts("ordersQueue")).visible + (await counts("ordersQueue")).inFlight === 0);
    expect((await storedOrders(context, "")).length).toBe(storedBefore);
    await steps.act("common-mistakes", "unwire-api");
    await steps.act("common-mistakes", "big-batch-with-bad-message");
    expect((await steps.check("common-mistakes")).details).toContain("The worker's batch size is 5, not 1.");
    await steps.act("common-mistakes", "restore-all");
    expect(await steps.check("common-mistakes")).toMatchObject({ passed: true });
  });

  it("11 clean-up deletes everything the lab made, the trigger first", async () => {
    const outcome = await steps.act("clean-up", "delete-everything");
    expect(outcome.message).toContain("trigger walk1-CafeOrderWorker ← walk1-CafeOrdersQueue");
    for (const name of ["walk1-CafeOrdersQueue", "walk1-CafeOrdersDLQ", "walk1-CafeOrders", "walk1-CafeMenu"]) expect(outcome.message).toContain(name);
    expect(await steps.check("clean-up")).toMatchObject({ passed: true });
    const { Messages } = await context.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: `${cloud.endpoint}/000000000000/walk1-CafeOrdersQueue` })).catch(() => ({ Messages: undefined }));
    expect(Messages).toBeUndefined();
  });
});
