/**
 * The alerts step end to end on the local cloud: the email subscription confirmed from the
 * outbox, the alarm OK while the DLQ is empty, ALARM once a FAIL order has used its three receives,
 * with its history and the notification mail. Then clean-up removes everything the lab made
 * (the pipes, the role, the alarm, the topic with its subscription, queues, table, mappings).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { check, fastForward, runAction, streamsContext, throughTheWorker, type StreamsTestContext } from "./lab-test-support";
import { describeDlqAlarm } from "./provision/alerts";
import { queueDepth } from "./provision/queues";
import { alertsOutbox } from "./steps/alerts";
import { waitFor } from "./test-support";

let cloud: LocalCloud;
let context: StreamsTestContext;

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  cloud = await startTestCloud();
  context = await streamsContext(cloud, "alarm1");
  await throughTheWorker(context);
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("the DLQ alarm", () => {
  it("refuses an address that is not one, and subscribes one that is", async () => {
    await expect(runAction(context, "alerts", "create-alerts", { email: "not an address" })).rejects.toThrow(/is not an email address/);
    const outcome = await runAction(context, "alerts", "create-alerts", { email: "ops@example.com" });
    expect(outcome.message).toBe("Created alarm1-order-processing-alerts. Subscribed ops@example.com: confirm it from the email. Created alarm1-order-processing-alarm.");
    expect((await runAction(context, "alerts", "create-alerts", { email: "ops@example.com" })).message).toMatch(/still waiting for confirmation.*Updated/);
    expect((await check(context, "alerts")).reason).toMatch(/not confirmed yet/);
  });

  it("confirms the subscription with the token from the outbox", async () => {
    expect((await runAction(context, "alerts", "confirm-subscription")).message).toMatch(/^Confirmed the subscription of ops@example.com/);
    expect((await check(context, "alerts")).reason).toMatch(/has not gone to ALARM yet/);
  });

  it("goes OK, then ALARM once a FAIL order reaches the DLQ, and mails the topic's subscriber", async () => {
    await fastForward(cloud, context, 60);
    await waitFor(async () => (await describeDlqAlarm(context))?.StateValue === "OK", "the alarm OK");
    await runAction(context, "alerts", "send-fail-order");
    for (let receive = 1; receive <= 3; receive++) {
      await waitFor(async () => (await context.runtime.logs({ filter: { type: "invocation", outcome: "error" } })).length >= receive, `failed receive ${receive}`);
      await fastForward(cloud, context, 31);
    }
    await waitFor(async () => ((await queueDepth(context, "processingDlq"))?.total ?? 0) === 1, "the order in the DLQ");
    await fastForward(cloud, context, 60);
    await waitFor(async () => (await describeDlqAlarm(context))?.StateValue === "ALARM", "the alarm in ALARM");
    const mails = (await alertsOutbox(context)) ?? [];
    expect(mails.filter((m) => m.kind === "Notification").map((m) => m.subject)).toEqual(['ALARM: "alarm1-order-processing-alarm" in US East (N. Virginia)']);
    const result = await check(context, "alerts");
    expect(result).toMatchObject({ passed: true });
    expect(result.reason).toMatch(/went to ALARM \(Alarm updated from OK to ALARM\) and notified alarm1-order-processing-alerts/);
  });

  it("empties the DLQ, so the alarm returns to OK", async () => {
    expect((await runAction(context, "alerts", "empty-dlq")).message).toBe("Purged 1 message from alarm1-order-processing-dlq; the next evaluation should read OK.");
    await fastForward(cloud, context, 60);
    await waitFor(async () => (await describeDlqAlarm(context))?.StateValue === "OK", "the alarm OK again");
  });
});

describe("clean-up", () => {
  it("deletes every resource and mapping of the lab, and says what it did with each", async () => {
    await runAction(context, "route-with-pipe", "create-pipe");
    const outcome = await runAction(context, "clean-up", "delete-everything");
    const results = Object.fromEntries((outcome.data as Array<{ name: string; result: string }>).map((e) => [e.name, e.result]));
    expect(results).toMatchObject({
      "alarm1-HighValueOrderPipe": "deleted",
      "alarm1-HighValueOrderStreamPipe": "not found",
      "alarm1-order-processing-alarm": "deleted",
      "alarm1-order-processing-alerts": "deleted",
      "alarm1-order-processing-queue": "deleted",
      "alarm1-order-processing-dlq": "deleted",
      "alarm1-high-value-orders-queue": "deleted",
      "alarm1-Orders": "deleted",
      "alarm1-HighValueOrderPipeRole": "deleted",
    });
    expect(await context.runtime.mappings()).toEqual([]);
    await fastForward(cloud, context, 10);
    expect(await check(context, "clean-up")).toMatchObject({ passed: true });
    expect(await queueDepth(context, "processingQueue")).toBeNull();
  });
});
