/**
 * The lab works unchanged on any AWS-compatible endpoint: its steps that need no clock, run
 * against moto_server (which cannot peek at a queue, has no SQS metrics and no clock to move).
 * Left out: forced failure and metrics (they wait on visibility timeouts and metric minutes), and
 * the load of 100 (it works, but moto's long polling makes it take a minute).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { motoAvailable, motoForTests, motoSkipReason } from "@/lib/localcloud/test/moto";
import { closeSharedRegistry } from "@/lib/runtime";
import { storedOrders } from "./orders";
import type { CafeContext } from "./provision";
import { cafeContext, eventually, stepsOf, type CafeSteps } from "./test-support";

const moto = motoForTests();
let context: CafeContext;
let steps: CafeSteps;

beforeAll(async () => {
  if (!motoAvailable) return;
  context = await cafeContext(moto.endpoint, "moto1");
  steps = stepsOf(context);
}, 60_000);
afterAll(async () => {
  await closeSharedRegistry();
});

describe.skipIf(!motoAvailable)(`the Cafe lab on moto_server${motoSkipReason}`, () => {
  it("connects, and finds the names free", async () => {
    expect(await steps.check("connect")).toMatchObject({ passed: true });
    expect(await steps.check("why-a-queue")).toMatchObject({ passed: true });
  });

  it("creates the queue with the lab's settings, twice over", async () => {
    await steps.act("create-queue", "create-queue");
    expect((await steps.act("create-queue", "create-queue")).message).toContain("already existed");
    expect(await steps.check("create-queue")).toMatchObject({ passed: true });
  });

  it("takes orders through the API: 202, 400, one message", async () => {
    expect((await steps.act("order-api", "place-order", { body: JSON.stringify({ table_number: 2, item: "Tea", quantity: 1 }) })).message).toMatch(/^202 Accepted/);
    const check = await steps.check("order-api");
    expect(check).toMatchObject({ passed: true });
    expect(check.details?.at(-1)).toBe("Exactly one message arrived: the queue's approximate count grew by one.");
    expect(await steps.check("message-waits")).toMatchObject({ passed: true });
  });

  it("stores orders with the worker", async () => {
    await steps.act("worker", "create-tables");
    await steps.act("worker", "create-tables");
    await steps.act("worker", "enable-trigger");
    await eventually("the waiting orders stored", async () => (await storedOrders(context, "")).length >= 2, 30_000);
    expect(await steps.check("worker")).toMatchObject({ passed: true });
  }, 60_000);

  it("lets the trigger be switched off and on", async () => {
    await steps.act("compete", "disable-trigger");
    await steps.act("compete", "enable-trigger");
    await steps.act("compete", "send-orders", { count: 2 });
    await eventually("the compete check", async () => (await steps.check("compete")).passed, 30_000);
  }, 60_000);

  it("puts the mistakes back", async () => {
    await steps.act("common-mistakes", "wire-api-as-consumer");
    expect(await steps.check("common-mistakes")).toMatchObject({ passed: false });
    await steps.act("common-mistakes", "restore-all");
    expect(await steps.check("common-mistakes")).toMatchObject({ passed: true });
  }, 60_000);

  it("cleans up everything, the trigger first", async () => {
    const outcome = await steps.act("clean-up", "delete-everything");
    expect(outcome.message).toContain("trigger moto1-CafeOrderWorker ← moto1-CafeOrdersQueue");
    expect(await steps.check("clean-up")).toMatchObject({ passed: true });
  }, 60_000);
});
