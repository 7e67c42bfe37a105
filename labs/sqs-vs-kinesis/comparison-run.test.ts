/**
 * Step 9 through the runtime: one click sends 50 orders and 50 events, the table fills in from
 * what the processors logged (all processed, waits measured, Kinesis in order per key), and the
 * check passes once both paths are done. It refuses to run before both triggers are on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { readDashboard, type MetricWidgetView } from "@/lib/lab-framework/inspect/dashboard/read-dashboard";
import { check, fastForward, labContext, live, runAction, waitFor } from "./lab-test-support";
import type { KinesisLabContext } from "./resources";
import { DASHBOARD_TITLES } from "./dashboard-body";

let cloud: LocalCloud;
let context: KinesisLabContext;
beforeAll(async () => {
  cloud = await startTestCloud();
  context = await labContext(cloud, "cmp1");
  await runAction(context, "queues", "create-queues");
  await runAction(context, "stream", "create-stream");
  await fastForward(cloud, [context], 5);
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("the comparison", () => {
  it("will not run before both triggers are on", async () => {
    await expect(runAction(context, "compare", "run-comparison")).rejects.toThrow("The queue's trigger is not ready: The queue has no trigger yet: turn it on.");
    await runAction(context, "queue-processor", "connect-processor");
    await expect(runAction(context, "compare", "run-comparison")).rejects.toThrow("The stream's trigger is not ready");
    expect(await check(context, "compare")).toMatchObject({ passed: false, reason: "No comparison has run yet (or the server restarted since): run it." });
  });

  it("measures 50 orders and 50 events end to end", async () => {
    await runAction(context, "stream-processor", "connect-processor");
    const outcome = await runAction(context, "compare", "run-comparison");
    expect(outcome.message).toMatch(/^Sent 50 orders and put 50 events \(\d+ partition keys\); the table fills in as they are processed\.$/);
    await fastForward(cloud, [context], 6);
    const state = await waitFor(async () => {
      const s = await live(context);
      return s.comparison?.done ? s : null;
    }, "both paths to finish", 40_000);
    const { sqs, kinesis } = state.comparison!;
    expect(sqs).toMatchObject({ sent: 50, processed: 50, retried: 0, failed: 0, keys: 0 });
    expect(kinesis).toMatchObject({ sent: 50, processed: 50, retried: 0, failed: 0, outOfOrder: 0 });
    expect(sqs.largestBatch).toBeLessThanOrEqual(5);
    expect(sqs.batches).toBeGreaterThanOrEqual(10);
    expect(kinesis.largestBatch).toBeLessThanOrEqual(10);
    expect(kinesis.keys).toBeGreaterThan(5);
    expect(kinesis.keys).toBeLessThanOrEqual(20);
    for (const side of [sqs, kinesis]) {
      expect(side.latency!.median).toBeGreaterThanOrEqual(0);
      expect(side.latency!.p95).toBeGreaterThanOrEqual(side.latency!.median);
      expect(side.latency!.max).toBeGreaterThanOrEqual(side.latency!.p95);
      expect(side.perSecond).toBeGreaterThan(0);
    }
    const result = await check(context, "compare");
    expect(result.passed).toBe(true);
    expect(result.reason).toMatch(/^Both paths processed everything: SQS [\d.]+ orders\/s, Kinesis [\d.]+ events\/s\.$/);
  }, 60_000);

  it("the dashboard step saves a body whose widgets show the student's own resources, with data", async () => {
    await runAction(context, "dashboard", "create-dashboard");
    expect(await check(context, "dashboard")).toMatchObject({ passed: true, reason: "cmp1-messaging-dashboard shows the queue, the stream and both processors." });
    await context.runtime.flushMetrics();
    await fastForward(cloud, [context], 61);
    const view = await readDashboard(context, context.names.dashboard, 15);
    const byTitle = new Map(view.widgets.filter((w): w is MetricWidgetView => w.kind === "metric").map((w) => [w.title, w]));
    const sum = (title: string, label: string) => byTitle.get(title)?.series.find((s) => s.label === label)?.points.reduce((n, p) => n + p[1], 0) ?? 0;
    expect(sum(DASHBOARD_TITLES.queue, "sent")).toBe(50);
    expect(sum(DASHBOARD_TITLES.stream, "records in")).toBe(50);
    expect(byTitle.get(DASHBOARD_TITLES.workers)?.series.find((s) => s.label === "stream: invocations")?.value).toBeGreaterThan(0);
    expect(byTitle.get(DASHBOARD_TITLES.workers)?.view).toBe("singleValue");
  }, 30_000);
});
