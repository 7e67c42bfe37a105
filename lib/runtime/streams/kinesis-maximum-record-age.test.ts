import type { KinesisStreamEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createStream, decode, putRecord } from "../test/streams";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["kinesis"]);

describe.skipIf(kind !== "localcloud")(`Kinesis: records older than the maximum age are skipped (${kind === "localcloud" ? "localcloud" : "skipped: needs the local cloud's clock"})`, () => {
  const backend = backendForTests(["kinesis"]);

  it("retries a failing batch (infinite retries) until its records pass maximumRecordAgeInSeconds, then moves on", async () => {
    const stream = await createStream(backend, "ages", 1);
    await putRecord(backend, stream, "stuck", { index: 0, count: 1 });
    const invocations: string[][] = [];
    const registry = testRegistry(backend, {
      processor: async (event: KinesisStreamEvent) => {
        const data = event.Records.map((r) => decode(r.kinesis.data));
        invocations.push(data);
        if (data.includes("stuck")) throw new Error("downstream is down");
      },
    });
    await registry.create(owner, {
      functionName: "user3-age-processor",
      handler: "processor",
      eventSourceArn: stream.arn,
      startingPosition: "TRIM_HORIZON",
      maximumRecordAgeInSeconds: 60,
    });
    await eventually(backend, () => invocations.length >= 3, { what: "a few retries" });
    await eventually(backend, () => registry.logs.query(owner, { filter: { type: "mapping", text: "maximum record age" } }).length > 0, { stepSeconds: 5, what: "the record skipped" });
    const attempts = invocations.length;
    expect(attempts).toBeGreaterThan(3);
    await putRecord(backend, stream, "fresh", { index: 0, count: 1 });
    await eventually(backend, () => invocations.some((batch) => batch.includes("fresh")), { what: "the next record" });
    expect(invocations.slice(attempts)).toEqual([["fresh"]]);
    await registry.shutdown();
  });
});
