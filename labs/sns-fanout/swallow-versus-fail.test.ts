/**
 * The processor step end to end, through the lab runtime on the local cloud: the sample order is
 * stored whether it arrives wrapped or raw; a malformed order sent while errors are swallowed is
 * deleted and lost (not in the queue, not in the DLQ, only a log line); one sent while errors fail
 * the message comes back after each visibility timeout and lands in OrderDLQ after three receives.
 * The step's check passes only in the second mode, with a malformed order in the DLQ.
 */
import { DeleteCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { peekMessages } from "@/lib/lab-framework/inspect/queue-inspection";
import type { Context } from "./provision";
import { check, dataOf, labContext, run, waitFor } from "./test-support";

let cloud: LocalCloud;
let context: Context;

async function stored(orderId: string) {
  const { Item } = await context.aws.documents.send(new GetCommand({ TableName: context.names.ordersTable, Key: { orderId } }));
  return Item;
}

async function inQueue(queue: "orderQueue" | "orderDlq", id: string) {
  return ((await peekMessages(context, context.names[queue])) ?? []).filter((m) => m.body.includes(id));
}

async function handlerLines(action: string, traceId?: string) {
  return (await context.runtime.logs({ filter: { type: "handler" } })).filter(
    (l) => l.type === "handler" && l.action === action && (traceId === undefined || l.trace_id === traceId || JSON.stringify(l.details).includes(traceId)),
  );
}

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await labContext(cloud, "proc1");
  await run(context, "orders-table", "create-table");
  await run(context, "topic", "create-topic");
  await run(context, "queues", "create-queues");
  await run(context, "subscription", "subscribe-order-queue");
  await run(context, "subscription", "publish-sample-order");
});

afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("swallowing errors versus letting them fail the message", () => {
  it("stores the sample order once the trigger is on (the write-up's version)", async () => {
    expect(await check(context, "processor")).toMatchObject({ passed: false, reason: "The trigger is not on yet: turn it on in the panel above." });
    const outcome = await run(context, "processor", "deploy-processor", { errorMode: "swallow" });
    expect(outcome.message).toBe("The trigger on proc1-OrderQueue is on: proc1-OrderProcessor gets up to 10 messages at a time, errors swallowed.");
    await waitFor(async () => Boolean(await stored("O1234")), "order O1234 in the table");
    expect(await stored("O1234")).toMatchObject({ orderId: "O1234", quantity: 1, itemName: "Laptop", deliveredAs: "sns-envelope" });
    expect(await check(context, "processor")).toMatchObject({ passed: false, reason: "Errors are still swallowed: a malformed order is deleted and lost. Let errors fail the message." });
  });

  it("stores a raw delivery just the same", async () => {
    await run(context, "subscription", "set-raw-delivery", { raw: true });
    await context.aws.documents.send(new DeleteCommand({ TableName: context.names.ordersTable, Key: { orderId: "O1234" } }));
    await run(context, "subscription", "publish-sample-order");
    await waitFor(async () => (await stored("O1234"))?.deliveredAs === "raw", "the raw order in the table");
    await run(context, "subscription", "set-raw-delivery", { raw: false });
  });

  it("loses a malformed order while errors are swallowed", async () => {
    const sent = dataOf(await run(context, "processor", "send-malformed-order", { kind: "quantity-as-text" }));
    expect(sent).toMatchObject({ kind: "quantity-as-text", errorMode: "swallow" });
    const id = sent.trackingId as string;
    await waitFor(async () => (await handlerLines("error_swallowed")).some((l) => l.type === "handler" && JSON.stringify(l.details).includes("quantity must be a number")), "the swallowed error");
    await waitFor(async () => (await inQueue("orderQueue", id)).length === 0 && (await context.runtime.isIdle()), "the batch to finish");
    expect(await inQueue("orderQueue", id)).toEqual([]);
    expect(await inQueue("orderDlq", id)).toEqual([]);
    expect(await stored(id)).toBeUndefined();
    const invocations = (await context.runtime.logs({ filter: { type: "invocation" } })).filter((l) => l.type === "invocation");
    expect(invocations.at(-1)).toMatchObject({ outcome: "success" });
  });

  it("sends a malformed order to the DLQ after three receives once errors fail the message", async () => {
    expect((await run(context, "processor", "set-error-mode", { errorMode: "fail" })).message).toBe(
      "proc1-OrderProcessor now runs with ON_ERROR=fail: let errors fail the message.",
    );
    const id = dataOf(await run(context, "processor", "send-malformed-order", { kind: "not-json" })).trackingId as string;
    for (const receives of [1, 2, 3]) {
      await waitFor(async () => (await inQueue("orderQueue", id)).some((m) => m.receiveCount === receives && m.state === "inFlight"), `receive ${receives}`);
      expect(await check(context, "processor")).toMatchObject({ passed: false });
      cloud.clock.advance(30_000);
    }
    await waitFor(async () => (await inQueue("orderDlq", id)).length === 1, "the order in the DLQ");
    expect(await inQueue("orderQueue", id)).toEqual([]);
    const rejected = await handlerLines("order_rejected");
    expect(rejected.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(rejected.at(-1))).toContain("the envelope's Message is not JSON");
    const partial = (await context.runtime.logs({ filter: { type: "invocation" } })).filter((l) => l.type === "invocation" && l.outcome === "partial");
    expect(partial.length).toBeGreaterThanOrEqual(3);
    expect(await check(context, "processor")).toMatchObject({
      passed: true,
      reason: "Errors fail the message, O1234 is stored, and 1 malformed order is waiting in proc1-OrderDLQ.",
    });
  });

  it("keeps the good orders of a batch that holds a bad one: only the bad one comes back", async () => {
    await run(context, "processor", "set-trigger", { enabled: false });
    const bad = dataOf(await run(context, "processor", "send-malformed-order", { kind: "missing-fields" })).trackingId as string;
    const good = dataOf(await run(context, "fan-out", "publish-order", { itemName: "Desk", quantity: 1, quantityAttribute: "Number" })).orderId as string;
    const before = (await context.runtime.logs({ filter: { type: "invocation" } })).length;
    await run(context, "processor", "set-trigger", { enabled: true });
    await waitFor(async () => Boolean(await stored(good)), "the good order");
    // (Turning the trigger off can leave a receive counted: the open long poll hands what it got back.)
    await waitFor(async () => (await inQueue("orderQueue", bad)).some((m) => m.state === "inFlight"), "the bad order back in the queue");
    const batches = (await context.runtime.logs({ filter: { type: "invocation" } })).slice(before);
    expect(batches).toContainEqual(expect.objectContaining({ batchSize: 2, outcome: "partial", failedItems: 1 }));
    expect(await inQueue("orderQueue", good)).toEqual([]);
  });

  it("turns the trigger off and on", async () => {
    expect((await run(context, "processor", "set-trigger", { enabled: false })).message).toBe("The trigger is off.");
    expect(await check(context, "processor")).toMatchObject({ passed: false, reason: "The trigger is off: turn it on so the processor reads OrderQueue." });
    expect((await run(context, "processor", "set-trigger", { enabled: true })).message).toBe("The trigger is on.");
  });
});
