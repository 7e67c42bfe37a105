import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { Context, SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually, settle } from "../test/backend";
import { createQueue, queueCounts } from "../test/sqs-queues";
import { owner, testRegistry } from "../test/test-registry";
import { FUNCTION_METRICS_NAMESPACE } from "../metrics/function-metrics";

const kind = await backendKindFor(["sqs", "cloudwatch"]);

describe.skipIf(kind !== "localcloud")(`a handler running past its timeout has failed (${kind === "localcloud" ? "localcloud" : "skipped: needs the local cloud's clock"})`, () => {
  const backend = backendForTests(["sqs", "cloudwatch"]);

  it("counts the invocation as an error, ignores what the handler returns later, and leaves the message to come back", async () => {
    const queue = await createQueue(backend.sqs, "slow", { VisibilityTimeout: "60" });
    const receiveCounts: string[] = [];
    const remaining: number[] = [];
    let finishLate: (() => void) | null = null;
    const registry = testRegistry(backend, {
      slowWorker: async (event: SQSEvent, context: Context) => {
        receiveCounts.push(event.Records[0].attributes.ApproximateReceiveCount);
        remaining.push(context.getRemainingTimeInMillis());
        if (receiveCounts.length === 1) await new Promise<void>((resolve) => (finishLate = resolve));
      },
    });
    await registry.create(owner, { functionName: "user3-slow-worker", handler: "slowWorker", eventSourceArn: queue.arn, batchSize: 1, timeoutSeconds: 5 });
    await backend.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "slow order" }));
    await eventually(backend, () => finishLate !== null, { stepSeconds: 0, what: "the first invocation" });
    expect(remaining[0]).toBeGreaterThan(4_000);
    expect(remaining[0]).toBeLessThanOrEqual(5_000);

    await backend.advance(6); // past the 5 s timeout
    await eventually(backend, () => registry.logs.query(owner, { filter: { outcome: "timeout" } }).length > 0, { stepSeconds: 0, what: "the timeout" });
    const timeoutLine = registry.logs.query(owner, { filter: { outcome: "timeout" } })[0];
    expect(timeoutLine).toMatchObject({ type: "invocation", function: "user3-slow-worker", durationMs: 5000, error: "Sandbox.Timedout: Task timed out after 5.00 seconds" });

    (finishLate as unknown as () => void)(); // the handler returns successfully, too late
    await settle(100);
    expect(await queueCounts(backend.sqs, queue.url)).toEqual({ visible: 0, inFlight: 1 });

    await eventually(backend, () => receiveCounts.length >= 2, { stepSeconds: 10, what: "the message again" });
    expect(receiveCounts).toEqual(["1", "2"]);
    await eventually(backend, async () => (await queueCounts(backend.sqs, queue.url)).inFlight === 0, { stepSeconds: 0, what: "the message deleted" });
    expect(registry.list(owner)[0].lastProcessingResult).toBe("OK");

    // In the function's metrics the timeout is an error, as in AWS/Lambda's Errors.
    await registry.flushMetrics();
    const metric = (name: string) => ({
      Namespace: FUNCTION_METRICS_NAMESPACE,
      MetricName: name,
      Dimensions: [{ Name: "FunctionName", Value: "user3-slow-worker" }],
    });
    const now = backend.clock.now();
    const { MetricDataResults } = await backend.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 10 * 60_000),
        EndTime: new Date(now + 60_000),
        MetricDataQueries: [
          { Id: "errors", MetricStat: { Metric: metric("Errors"), Period: 60, Stat: "Sum" } },
          { Id: "invocations", MetricStat: { Metric: metric("Invocations"), Period: 60, Stat: "Sum" } },
        ],
      }),
    );
    const sum = (id: string) => (MetricDataResults?.find((r) => r.Id === id)?.Values ?? []).reduce((a, b) => a + b, 0);
    expect(sum("errors")).toBe(1);
    expect(sum("invocations")).toBe(2);
    await registry.shutdown();
  });
});
