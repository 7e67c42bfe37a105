import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { KinesisStreamEvent, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backendKindFor, eventually, startBackend, type TestBackend } from "../test/backend";
import { createQueue, queueCounts } from "../test/sqs-queues";
import { createStream, decode, putRecord } from "../test/streams";
import { owner, testRegistry } from "../test/test-registry";
import { MAPPINGS_FILE } from "./mapping-store";
import { fakeAccessKeyId } from "../../aws/test/fake-credentials";

const kind = await backendKindFor(["sqs", "kinesis"]);

/** Distinct keys, so the test can show they never reach the disk. */
const credentials = { accessKeyId: fakeAccessKeyId("long-term", "persistencetest1"), secretAccessKey: "persistence-test-secret-never-on-disk" };

describe.skipIf(kind !== "localcloud")(`mappings survive a server restart (${kind === "localcloud" ? "localcloud" : "skipped: needs the local cloud"})`, () => {
  let backend: TestBackend;
  let dataDir: string;
  beforeAll(async () => {
    backend = await startBackend(["sqs", "kinesis"]);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "runtime-mappings-"));
  });
  afterAll(async () => {
    await backend?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("restores definitions and shard checkpoints (never credentials) and carries on where it stopped", async () => {
    const queue = await createQueue(backend.sqs, "restart");
    const stream = await createStream(backend, "restart", 1);
    const seen: string[] = [];
    const handlers = {
      worker: async (event: SQSEvent) => void seen.push(...event.Records.map((r) => `sqs:${r.body}`)),
      reader: async (event: KinesisStreamEvent) => void seen.push(...event.Records.map((r) => `kinesis:${decode(r.kinesis.data)}`)),
    };
    const clients = () => ({
      ...backend.runtimeClients(),
      sqs: new SQSClient({ ...backend.config(), credentials }),
      kinesis: new KinesisClient({ ...backend.config(), credentials }),
    });

    const first = testRegistry(backend, handlers, { dataDir, clients });
    await first.start();
    const sqsMapping = await first.create(owner, { functionName: "user3-worker", handler: "worker", eventSourceArn: queue.arn, batchSize: 1 });
    await first.create(owner, { functionName: "user3-reader", handler: "reader", eventSourceArn: stream.arn, startingPosition: "LATEST" });
    await first.disable(owner, sqsMapping.uuid);
    await first.enable(owner, sqsMapping.uuid);
    await backend.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "before" }));
    await backend.advance(1);
    await putRecord(backend, stream, "before", { index: 0, count: 1 });
    await eventually(backend, () => seen.length === 2, { what: "the first message and record" });
    await first.shutdown();

    const file = fs.readFileSync(path.join(dataDir, MAPPINGS_FILE), "utf8");
    expect(file).not.toContain(credentials.accessKeyId);
    expect(file).not.toContain(credentials.secretAccessKey);
    expect(file).not.toMatch(/secretAccessKey|sessionToken/i);

    // While the server is down, more work arrives.
    await backend.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "while-down" }));
    await putRecord(backend, stream, "while-down", { index: 0, count: 1 });

    const second = testRegistry(backend, handlers, { dataDir, clients });
    await second.start();
    const restored = second.list(owner);
    expect(restored.map((m) => [m.config.functionName, m.state, m.running])).toEqual([
      ["user3-worker", "Enabled", true],
      ["user3-reader", "Enabled", true],
    ]);
    expect(restored[0].uuid).toBe(sqsMapping.uuid);
    await eventually(backend, () => seen.length === 4, { what: "what arrived while the server was down" });
    expect(seen.sort()).toEqual(["kinesis:before", "kinesis:while-down", "sqs:before", "sqs:while-down"]);
    expect(await queueCounts(backend.sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
    await second.deleteAll(owner);
    await second.shutdown();

    const third = testRegistry(backend, handlers, { dataDir, clients });
    await third.start();
    expect(third.list(owner)).toEqual([]);
    await third.shutdown();
  });
});
