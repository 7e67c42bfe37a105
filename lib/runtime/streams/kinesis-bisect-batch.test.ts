import type { KinesisStreamEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createStream, decode, putRecord } from "../test/streams";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["kinesis"]);

describe.skipIf(!kind)(`Kinesis: split batch on error isolates the bad record (${kind ?? "skipped: no local cloud Kinesis and no moto_server"})`, () => {
  const backend = backendForTests(["kinesis"]);

  it("halves the failing batch until the bad record is alone; splitting does not use up retries", async () => {
    const stream = await createStream(backend, "clicks", 1);
    const names = ["r1", "r2", "r3", "r4", "BAD", "r6", "r7", "r8"];
    for (const name of names) await putRecord(backend, stream, name, { index: 0, count: 1 });

    const invocations: string[][] = [];
    const processed: string[] = [];
    const registry = testRegistry(backend, {
      processor: async (event: KinesisStreamEvent) => {
        const data = event.Records.map((r) => decode(r.kinesis.data));
        invocations.push(data);
        if (data.includes("BAD")) throw new Error("malformed click");
        processed.push(...data);
      },
    });
    await registry.create(owner, {
      functionName: "user3-click-processor",
      handler: "processor",
      eventSourceArn: stream.arn,
      startingPosition: "TRIM_HORIZON",
      batchSize: 8,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 0,
    });
    await eventually(backend, () => processed.length === 7, { what: "the seven good records" });
    expect(processed).toEqual(["r1", "r2", "r3", "r4", "r6", "r7", "r8"]);
    expect(invocations).toEqual([names, ["r1", "r2", "r3", "r4"], ["BAD", "r6", "r7", "r8"], ["BAD", "r6"], ["BAD"], ["r6"], ["r7", "r8"]]);
    const skipped = registry.logs.query(owner, { filter: { type: "mapping", text: "Skipped" } });
    expect(skipped).toHaveLength(1);
    expect(skipped[0].type === "mapping" && skipped[0].message).toMatch(/^Skipped 1 records of shard shardId-\d+ \(out of retries\)\.$/);
    await registry.shutdown();
  });
});
