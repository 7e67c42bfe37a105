import type { KinesisStreamBatchResponse, KinesisStreamEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createStream, decode, putRecord } from "../test/streams";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["kinesis"]);

describe.skipIf(!kind)(`Kinesis: report batch item failures with sequence numbers (${kind ?? "skipped: no local cloud Kinesis and no moto_server"})`, () => {
  const backend = backendForTests(["kinesis"]);

  it("checkpoints before the lowest failed sequence number and retries from there", async () => {
    const stream = await createStream(backend, "orders", 1);
    for (const name of ["o1", "o2", "o3", "o4", "o5"]) await putRecord(backend, stream, name, { index: 0, count: 1 });
    const invocations: string[][] = [];
    const registry = testRegistry(backend, {
      processor: async (event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> => {
        const data = event.Records.map((r) => decode(r.kinesis.data));
        invocations.push(data);
        if (invocations.length > 1) return { batchItemFailures: [] };
        // o3 and o5 failed; Lambda restarts from the lowest one.
        return { batchItemFailures: [event.Records[4], event.Records[2]].map((r) => ({ itemIdentifier: r.kinesis.sequenceNumber })) };
      },
    });
    await registry.create(owner, {
      functionName: "user3-order-stream",
      handler: "processor",
      eventSourceArn: stream.arn,
      startingPosition: "TRIM_HORIZON",
      batchSize: 10,
      functionResponseTypes: ["ReportBatchItemFailures"],
    });
    await eventually(backend, () => invocations.length >= 2, { what: "the retry" });
    expect(invocations).toEqual([
      ["o1", "o2", "o3", "o4", "o5"],
      ["o3", "o4", "o5"],
    ]);
    const outcomes = registry.logs.query(owner, { filter: { type: "invocation" } }).map((l) => (l.type === "invocation" ? l.outcome : ""));
    expect(outcomes).toEqual(["partial", "success"]);
    await registry.shutdown();
  });
});
