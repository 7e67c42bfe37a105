import { GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import type { KinesisStreamEvent, SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createQueue, queueCounts } from "../test/sqs-queues";
import { createStream, putRecord } from "../test/streams";
import { owner, testRegistry } from "../test/test-registry";
import { FUNCTION_METRICS_NAMESPACE } from "./function-metrics";

const kind = await backendKindFor(["sqs", "kinesis", "cloudwatch"]);

describe.skipIf(!kind)(`published function metrics are readable with GetMetricData (${kind ?? "skipped: no local cloud and no moto_server"})`, () => {
  const backend = backendForTests(["sqs", "kinesis", "cloudwatch"]);

  function query(id: string, functionName: string, metricName: string, stat: string): MetricDataQuery {
    return {
      Id: id,
      MetricStat: {
        Metric: { Namespace: FUNCTION_METRICS_NAMESPACE, MetricName: metricName, Dimensions: [{ Name: "FunctionName", Value: functionName }] },
        Period: 60,
        Stat: stat,
      },
    };
  }

  async function read(queries: MetricDataQuery[]): Promise<Record<string, number>> {
    const now = backend.clock.now();
    const { MetricDataResults } = await backend.cloudwatch.send(
      new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date(now - 15 * 60_000), EndTime: new Date(now + 60_000) }),
    );
    const totals: Record<string, number> = {};
    for (const result of MetricDataResults ?? []) {
      const values = result.Values ?? [];
      totals[result.Id as string] = result.Id?.startsWith("max") ? Math.max(0, ...values) : values.reduce((a, b) => a + b, 0);
    }
    return totals;
  }

  it("Invocations, Errors, Duration, ConcurrentExecutions, Throttles and IteratorAge, by FunctionName", async () => {
    const queue = await createQueue(backend.sqs, "metrics", { VisibilityTimeout: "600" });
    const closed = await createQueue(backend.sqs, "closed", { VisibilityTimeout: "600" });
    const stream = await createStream(backend, "metrics", 1);
    const registry = testRegistry(backend, {
      worker: async (event: SQSEvent) => {
        if (event.Records[0].body.startsWith("bad")) throw new Error("bad order");
      },
      neverRuns: async (_event: SQSEvent) => undefined,
      streamReader: async (_event: KinesisStreamEvent) => undefined,
    });
    await registry.create(owner, { functionName: "user3-metrics-worker", handler: "worker", eventSourceArn: queue.arn, batchSize: 1 });
    await registry.create(owner, { functionName: "user3-throttled", handler: "neverRuns", eventSourceArn: closed.arn, batchSize: 1, reservedConcurrency: 0 });

    await backend.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: ["good-1", "bad-1", "good-2", "bad-2", "good-3"].map((body, i) => ({ Id: String(i), MessageBody: body })) }));
    await backend.sqs.send(new SendMessageBatchCommand({ QueueUrl: closed.url, Entries: [{ Id: "0", MessageBody: "x" }] }));
    await putRecord(backend, stream, "click", { index: 0, count: 1 });
    const age = backend.kind === "localcloud" ? 30 : 1;
    await backend.advance(age); // the record is at least this old when its batch is sent
    await registry.create(owner, { functionName: "user3-stream-reader", handler: "streamReader", eventSourceArn: stream.arn, startingPosition: "TRIM_HORIZON" });
    await eventually(backend, () => registry.logs.query(owner, { filter: { type: "invocation" } }).filter((l) => l.function === "user3-metrics-worker").length === 5, { stepSeconds: 0, what: "five invocations" });
    await eventually(backend, () => registry.logs.query(owner, { filter: { outcome: "throttled" } }).length > 0, { stepSeconds: 0, what: "a throttle" });
    await eventually(backend, () => registry.logs.query(owner, { filter: { function: "user3-stream-reader", type: "invocation" } }).length > 0, { stepSeconds: 0, what: "the stream batch" });
    expect((await queueCounts(backend.sqs, closed.url)).inFlight).toBe(1); // a throttled batch is not deleted
    await registry.flushMetrics();

    const worker = await read([
      query("invocations", "user3-metrics-worker", "Invocations", "Sum"),
      query("errors", "user3-metrics-worker", "Errors", "Sum"),
      query("durations", "user3-metrics-worker", "Duration", "SampleCount"),
      query("maxConcurrency", "user3-metrics-worker", "ConcurrentExecutions", "Maximum"),
      query("throttles", "user3-throttled", "Throttles", "Sum"),
      query("throttledInvocations", "user3-throttled", "Invocations", "Sum"),
      query("maxIteratorAge", "user3-stream-reader", "IteratorAge", "Maximum"),
    ]);
    expect(worker.invocations).toBe(5);
    expect(worker.errors).toBe(2);
    expect(worker.durations).toBe(5);
    expect(worker.maxConcurrency).toBeGreaterThanOrEqual(1);
    expect(worker.throttles).toBeGreaterThanOrEqual(1);
    expect(worker.throttledInvocations).toBe(0);
    expect(worker.maxIteratorAge).toBeGreaterThanOrEqual(age * 1000);
    await registry.shutdown();
  });
});
