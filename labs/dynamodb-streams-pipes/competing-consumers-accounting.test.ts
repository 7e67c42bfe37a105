/**
 * The pipe and the worker on one queue, then the pipe on the table's stream, each with the same
 * batch of twelve orders. Every order is accounted for: completed, failed, routed, in the DLQ or
 * dropped by the filter. What the table says was dropped agrees with the pipe's own counter; on
 * the stream nothing is dropped and every order reaches the worker.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readInspection } from "@/lib/lab-framework/inspect/stream/local-cloud-inspection";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { readRun, startRun } from "./demo-run";
import { check, fastForward, runAction, streamsContext, throughTheWorker, type StreamsTestContext } from "./lab-test-support";
import { describePipe, readRolePolicy, type PipeKey } from "./provision/pipe";
import { queueDepth } from "./provision/queues";
import type { RoutingDesign } from "./routing";
import { waitFor } from "./test-support";

let cloud: LocalCloud;
let context: StreamsTestContext;

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  cloud = await startTestCloud();
  context = await streamsContext(cloud, "race1");
  await throughTheWorker(context);
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

async function untilRunning(key: PipeKey): Promise<void> {
  await fastForward(cloud, context, 4);
  expect((await describePipe(context, key))?.CurrentState).toBe("RUNNING");
}

/** Moves the clock through visibility timeouts until nothing of the run is moving. */
async function settle(design: RoutingDesign) {
  await waitFor(async () => {
    const run = await readRun(context, design);
    if (run && run.account.settled && run.account.created === 12 && (await context.runtime.isIdle())) return true;
    // Moving the clock only when a queue holds a message that waits for its visibility timeout.
    if (run && !run.account.settled && (await queueDepth(context, "processingQueue"))?.visible === 0) await fastForward(cloud, context, 31);
    return false;
  }, "the run to settle", 60_000);
  const run = await readRun(context, design);
  if (!run) throw new Error("no run");
  return run;
}

async function pipeCounters(name: string) {
  const { pipes } = await readInspection<{ pipes: Array<{ name: string; counters: { received: number; filteredOut: number; delivered: number; failed: number } }> }>(context, "pipes/pipes", {});
  return pipes.find((p) => p.name === name)?.counters;
}

describe("a pipe competing with the worker for the queue", () => {
  it("creates the pipe with a least-privilege role and the high-value worker", async () => {
    expect((await check(context, "route-with-pipe")).reason).toMatch(/No pipe yet/);
    await runAction(context, "route-with-pipe", "create-pipe");
    const policy = await readRolePolicy(context);
    expect(policy?.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      [["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], "arn:aws:sqs:us-east-1:000000000000:race1-order-processing-queue"],
      ["sqs:SendMessage", "arn:aws:sqs:us-east-1:000000000000:race1-high-value-orders-queue"],
    ]);
    await untilRunning("highValuePipe");
    await runAction(context, "route-with-pipe", "create-pipe");
    await untilRunning("highValuePipe");
  });

  it("with the worker paused, the pipe alone reads the queue: it routes 5 and silently drops 7", async () => {
    expect((await runAction(context, "route-with-pipe", "set-worker-trigger", { enabled: false })).message).toMatch(/paused/);
    expect((await runAction(context, "route-with-pipe", "run-demo")).message).toMatch(/with the worker paused/);
    const run = await settle("queue");
    expect(run.workerPaused).toBe(true);
    expect(run.account).toMatchObject({ created: 12, completed: 0, failed: 0, routed: 5, inDlq: 0, dropped: 7, accountedFor: 12, warnings: [] });
    expect((await pipeCounters("race1-HighValueOrderPipe"))?.filteredOut).toBe(7);
    expect(run.orders.filter((o) => o.reviewStatus).map((o) => o.amount).sort((x, y) => x - y)).toEqual([10500, 18000, 25000, 32000, 60000]);
    expect((await check(context, "route-with-pipe")).reason).toMatch(/\(worker paused\): all 12 orders accounted for/);
    await runAction(context, "route-with-pipe", "set-worker-trigger", { enabled: true });
  });

  it("with both running, accounts for every order, and the dropped ones match the pipe's own count", async () => {
    const before = (await pipeCounters("race1-HighValueOrderPipe"))?.filteredOut ?? 0;
    await runAction(context, "route-with-pipe", "run-demo");
    const run = await settle("queue");
    const a = run.account;
    expect(a.created).toBe(12);
    expect(a.completed + a.failed + a.routed + a.inDlq + a.dropped).toBe(12);
    expect(a.accountedFor).toBe(12);
    expect(a.warnings).toEqual([]);
    expect(run.workerPaused).toBe(false);
    expect(a.dropped).toBe(((await pipeCounters("race1-HighValueOrderPipe"))?.filteredOut ?? 0) - before);
    for (const order of run.orders) {
      if (order.reviewStatus) expect(order.amount).toBeGreaterThan(10_000);
      if (order.status === "COMPLETED") expect(order.amount).toBeLessThanOrEqual(10_000);
    }
    const check7 = await check(context, "route-with-pipe");
    expect(check7.passed).toBe(true);
    expect(check7.reason).toMatch(/all 12 orders accounted for/);
  });
});

describe("the pipe on the table's stream", () => {
  it("moves the pipe: the queue's pipe is deleted and the role may read the stream instead", async () => {
    expect((await check(context, "pipe-on-stream")).reason).toMatch(/does not read the stream yet/);
    const outcome = await runAction(context, "pipe-on-stream", "move-pipe");
    expect(outcome.message).toMatch(/^Deleted race1-HighValueOrderPipe\. Created race1-HighValueOrderStreamPipe/);
    await expect(startRun(context, "stream")).rejects.toThrow(/is creating|being deleted/);
    await untilRunning("streamPipe");
    expect(await describePipe(context, "highValuePipe")).toBeNull();
    const actions = (await readRolePolicy(context))?.Statement.flatMap((s) => s.Action);
    expect(actions).toEqual(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams", "sqs:SendMessage"]);
  });

  it("every order reaches the worker and each high-value one is routed once; nothing is dropped", async () => {
    await runAction(context, "pipe-on-stream", "run-demo");
    const run = await settle("stream");
    expect(run.account).toMatchObject({ created: 12, completed: 6, failed: 4, inDlq: 2, routed: 5, dropped: 0, accountedFor: 12, warnings: [] });
    const routed = run.orders.filter((o) => o.reviewStatus).map((o) => o.amount).sort((x, y) => x - y);
    expect(routed).toEqual([10500, 18000, 25000, 32000, 60000]);
    expect((await pipeCounters("race1-HighValueOrderStreamPipe"))?.delivered).toBe(5);
    const result = await check(context, "pipe-on-stream");
    expect(result).toMatchObject({ passed: true });
    expect(result.reason).toMatch(/every one of the 12 orders reached the worker/);
  });
});
