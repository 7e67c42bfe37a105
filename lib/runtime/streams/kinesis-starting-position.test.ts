import type { KinesisStreamEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createStream, decode, putRecord, type TestStream } from "../test/streams";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["kinesis"]);

describe.skipIf(kind !== "localcloud")(`Kinesis starting positions (${kind === "localcloud" ? "localcloud" : "skipped: needs the local cloud's clock"})`, () => {
  const backend = backendForTests(["kinesis"]);

  async function deliveredWith(stream: TestStream, settings: Record<string, unknown>, afterCreate: () => Promise<void>, expected: number): Promise<string[]> {
    const delivered: string[] = [];
    const registry = testRegistry(backend, {
      reader: async (event: KinesisStreamEvent) => void delivered.push(...event.Records.map((r) => decode(r.kinesis.data))),
    });
    await registry.create(owner, { functionName: "user3-reader", handler: "reader", eventSourceArn: stream.arn, batchSize: 100, ...settings });
    await afterCreate();
    await eventually(backend, () => delivered.length >= expected, { what: `${expected} records` });
    await backend.advance(5); // anything else would have come by now
    await registry.shutdown();
    return delivered;
  }

  it("TRIM_HORIZON reads every retained record", async () => {
    const stream = await createStream(backend, "trim", 1);
    for (const name of ["old-1", "old-2"]) await putRecord(backend, stream, name, { index: 0, count: 1 });
    const delivered = await deliveredWith(stream, { startingPosition: "TRIM_HORIZON" }, () => putRecord(backend, stream, "new-1", { index: 0, count: 1 }).then(() => undefined), 3);
    expect(delivered).toEqual(["old-1", "old-2", "new-1"]);
  });

  it("LATEST reads only what arrives after the mapping is created (even right after)", async () => {
    const stream = await createStream(backend, "latest", 1);
    for (const name of ["before-1", "before-2"]) await putRecord(backend, stream, name, { index: 0, count: 1 });
    await backend.advance(2);
    const delivered = await deliveredWith(stream, { startingPosition: "LATEST" }, async () => {
      await backend.advance(1);
      await putRecord(backend, stream, "after-1", { index: 0, count: 1 });
      await putRecord(backend, stream, "after-2", { index: 0, count: 1 });
    }, 2);
    expect(delivered).toEqual(["after-1", "after-2"]);
  });

  it("AT_TIMESTAMP reads from that moment on", async () => {
    const stream = await createStream(backend, "timestamp", 1);
    await putRecord(backend, stream, "early", { index: 0, count: 1 });
    await backend.advance(60);
    const from = backend.clock.now();
    await backend.advance(1);
    await putRecord(backend, stream, "late-1", { index: 0, count: 1 });
    await putRecord(backend, stream, "late-2", { index: 0, count: 1 });
    const delivered = await deliveredWith(stream, { startingPosition: "AT_TIMESTAMP", startingPositionTimestamp: from }, async () => undefined, 2);
    expect(delivered).toEqual(["late-1", "late-2"]);
  });
});
