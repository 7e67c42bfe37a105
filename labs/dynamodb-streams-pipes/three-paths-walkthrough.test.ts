/**
 * Steps 1 to 6 through the real runtime and the local cloud: the table and its stream, an order
 * through the API, the stream consumer forwarding it, the DLQ and redrive policy, and the worker's
 * three paths, each check failing with a reason first and passing once the step is done.
 * Re-running every action is safe.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { scanOrders } from "./demo-run";
import { check, fastForward, runAction, streamsContext, type StreamsTestContext } from "./lab-test-support";
import { queueDepth } from "./provision/queues";
import { waitFor } from "./test-support";

let cloud: LocalCloud;
let context: StreamsTestContext;

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  cloud = await startTestCloud();
  context = await streamsContext(cloud, "paths1");
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

const statusOf = async (status: string) => (await scanOrders(context)).filter((o) => o.status === status);

describe("the first six steps", () => {
  it("creates the table with its stream, idempotently", async () => {
    expect((await check(context, "orders-table")).reason).toMatch(/does not exist yet/);
    expect((await runAction(context, "orders-table", "create-table")).message).toMatch(/^Created paths1-Orders/);
    expect((await runAction(context, "orders-table", "create-table")).message).toMatch(/nothing to change/);
    const result = await check(context, "orders-table");
    expect(result).toMatchObject({ passed: true });
    expect(result.details?.[0]).toMatch(/^Stream ARN: arn:aws:dynamodb:us-east-1:000000000000:table\/paths1-Orders\/stream\//);
  });

  it("stores an order through the API", async () => {
    expect((await check(context, "create-order-api")).reason).toMatch(/holds no order yet/);
    const outcome = await runAction(context, "create-order-api", "create-order", { customerName: "Alice", product: "Lamp", amount: 1499, notes: "" });
    expect(outcome.message).toMatch(/^201 Created: order .+ for 1499 is PENDING \(standard value\)\.$/);
    expect(await check(context, "create-order-api")).toMatchObject({ passed: true });
  });

  it("forwards new orders from the stream, starting with the ones already there", async () => {
    expect((await check(context, "stream-consumer")).reason).toMatch(/not set up yet/);
    await runAction(context, "stream-consumer", "start-consumer");
    await runAction(context, "stream-consumer", "start-consumer");
    expect(await context.runtime.mappings()).toHaveLength(1);
    await waitFor(async () => ((await queueDepth(context, "processingQueue"))?.total ?? 0) === 1, "the order in the queue");
    expect(await check(context, "stream-consumer")).toMatchObject({ passed: true });
  });

  it("gives the queue a DLQ after three receives", async () => {
    expect((await check(context, "queues")).reason).toMatch(/does not exist yet/);
    await runAction(context, "queues", "create-queues");
    expect((await runAction(context, "queues", "create-queues")).message).not.toMatch(/Created/);
    expect(await check(context, "queues")).toMatchObject({ passed: true, reason: "Redrive policy: after 3 receives a message moves to paths1-order-processing-dlq." });
  });

  it("settles orders by the three paths, the FAIL order reaching the DLQ after three receives", async () => {
    expect((await check(context, "order-worker")).reason).toMatch(/not running/);
    await runAction(context, "order-worker", "start-worker");
    await runAction(context, "order-worker", "send-one-of-each");
    await waitFor(async () => (await statusOf("COMPLETED")).length === 2 && (await statusOf("FAILED")).length === 1, "the completed and failed orders");
    expect((await statusOf("FAILED"))[0].failureReason).toMatch(/above 10000/);
    expect((await check(context, "order-worker")).reason).toMatch(/nothing has reached paths1-order-processing-dlq yet/);

    for (let receive = 1; receive <= 3; receive++) {
      await waitFor(async () => {
        const logs = await context.runtime.logs({ filter: { type: "invocation", outcome: "error" } });
        return logs.length >= receive;
      }, `failed receive ${receive}`);
      await fastForward(cloud, context, 31);
    }
    await waitFor(async () => ((await queueDepth(context, "processingDlq"))?.total ?? 0) === 1, "the FAIL order in the DLQ");
    expect((await statusOf("PENDING")).map((o) => o.notes)).toEqual(["FAIL: payment gateway timeout"]);
    expect(await check(context, "order-worker")).toMatchObject({ passed: true, reason: "All three paths seen: 2 completed, 1 failed by the business rule, 1 in the DLQ after retries." });
  });
});
