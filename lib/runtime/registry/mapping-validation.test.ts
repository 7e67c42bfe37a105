import { describe, expect, it } from "vitest";
import { MappingRegistry } from "./mapping-registry";
import { MappingError } from "./mapping-settings";
import type { MappingOwner } from "./mapping-store";

const student: MappingOwner = { prefix: "user3", labId: "sqs-vs-kinesis" };
const other: MappingOwner = { prefix: "user4", labId: "sqs-vs-kinesis" };
const queueArn = "arn:aws:sqs:us-east-1:000000000000:user3-order-processing-queue";
const fifoArn = "arn:aws:sqs:us-east-1:000000000000:user3-orders.fifo";
const streamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/user3-activity";
const tableStreamArn = "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2026-01-01T00:00:00.000";

function registry() {
  return new MappingRegistry({ dataDir: null, clients: () => null, handlers: (_lab, name) => (name === "worker" ? async () => undefined : undefined) });
}

async function rejection(promise: Promise<unknown>): Promise<MappingError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MappingError);
  return error as MappingError;
}

const base = { functionName: "user3-worker", handler: "worker", enabled: false };

describe("mapping settings are validated as Lambda validates them", () => {
  it.each([
    [{ ...base, eventSourceArn: queueArn, batchSize: 11 }, "maximumBatchingWindowInSeconds: Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"],
    [{ ...base, eventSourceArn: fifoArn, batchSize: 11 }, "batchSize: Batch size for FIFO queues must be at most 10"],
    [{ ...base, eventSourceArn: fifoArn, maximumBatchingWindowInSeconds: 5 }, "maximumBatchingWindowInSeconds: Batching window is not supported for FIFO queues"],
    [{ ...base, eventSourceArn: queueArn, maximumConcurrency: 1 }, /^maximumConcurrency: /],
    [{ ...base, eventSourceArn: queueArn, batchSize: 10_001, maximumBatchingWindowInSeconds: 1 }, /^batchSize: /],
    [{ ...base, eventSourceArn: queueArn, maximumBatchingWindowInSeconds: 301 }, /^maximumBatchingWindowInSeconds: /],
    [{ ...base, eventSourceArn: streamArn }, /^startingPosition: /],
    [{ ...base, eventSourceArn: streamArn, startingPosition: "AT_TIMESTAMP" }, "startingPositionTimestamp: StartingPositionTimestamp is required with AT_TIMESTAMP"],
    [{ ...base, eventSourceArn: streamArn, startingPosition: "LATEST", maximumRecordAgeInSeconds: 30 }, "maximumRecordAgeInSeconds: maximumRecordAgeInSeconds must be -1 or from 60 to 604800"],
    [{ ...base, eventSourceArn: streamArn, startingPosition: "LATEST", maximumRetryAttempts: -2 }, /^maximumRetryAttempts: /],
    [{ ...base, eventSourceArn: tableStreamArn, startingPosition: "AT_TIMESTAMP", startingPositionTimestamp: 1 }, /^startingPosition: /],
    [{ ...base, eventSourceArn: streamArn, startingPosition: "LATEST", onFailureDestination: "arn:aws:s3:::bucket" }, "onFailureDestination: onFailureDestination must be an SQS queue or SNS topic ARN"],
    [{ ...base, eventSourceArn: "arn:aws:s3:::my-bucket" }, "eventSourceArn must be the ARN of an SQS queue, a Kinesis stream or a DynamoDB table's stream."],
    [{ ...base, eventSourceArn: queueArn, functionName: "has spaces" }, /^functionName: /],
    [{ ...base, eventSourceArn: queueArn, bisectBatchOnFunctionError: true }, /bisectBatchOnFunctionError/],
  ])("%j is refused", async (input, message) => {
    const error = await rejection(registry().create(student, input as never));
    expect(error.code).toBe("InvalidParameterValueException");
    if (typeof message === "string") expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it("fills in Lambda's defaults", async () => {
    const r = registry();
    const sqs = await r.create(student, { ...base, eventSourceArn: queueArn });
    expect(sqs.config).toEqual({
      kind: "sqs",
      ...base,
      eventSourceArn: queueArn,
      batchSize: 10,
      maximumBatchingWindowInSeconds: 0,
      functionResponseTypes: [],
      timeoutSeconds: 3,
      memorySizeMB: 128,
    });
    const kinesis = await r.create(student, { ...base, eventSourceArn: streamArn, startingPosition: "LATEST" });
    expect(kinesis.config).toMatchObject({
      kind: "kinesis",
      batchSize: 100,
      maximumRetryAttempts: -1,
      maximumRecordAgeInSeconds: -1,
      bisectBatchOnFunctionError: false,
      maximumBatchingWindowInSeconds: 0,
    });
  });

  it("refuses a handler the lab does not have", async () => {
    const error = await rejection(registry().create(student, { ...base, handler: "nope", eventSourceArn: queueArn }));
    expect(error.code).toBe("ResourceNotFoundException");
    expect(error.message).toBe("Function not found: arn:aws:lambda:us-east-1:000000000000:function:user3-worker (the lab sqs-vs-kinesis has no handler nope).");
  });

  it("refuses a second mapping of one source to one function, as Lambda does; ensure() updates it instead", async () => {
    const r = registry();
    const first = await r.create(student, { ...base, eventSourceArn: queueArn });
    const error = await rejection(r.create(student, { ...base, eventSourceArn: queueArn }));
    expect(error.code).toBe("ResourceConflictException");
    expect(error.message).toBe(
      `An event source mapping with SQS arn (" ${queueArn} ") and function (" user3-worker ") already exists. Please update or delete the existing mapping with UUID ${first.uuid}`,
    );
    const ensured = await r.ensure(student, { ...base, eventSourceArn: queueArn, batchSize: 5 });
    expect(ensured.uuid).toBe(first.uuid);
    expect(ensured.config).toMatchObject({ batchSize: 5 });
    expect(r.list(student)).toHaveLength(1);
  });

  it("an update cannot change the source or the starting position", async () => {
    const r = registry();
    const mapping = await r.create(student, { ...base, eventSourceArn: streamArn, startingPosition: "LATEST" });
    expect((await rejection(r.update(student, mapping.uuid, { eventSourceArn: queueArn }))).code).toBe("InvalidParameterValueException");
    expect((await rejection(r.update(student, mapping.uuid, { startingPosition: "TRIM_HORIZON" } as never))).code).toBe("InvalidParameterValueException");
    expect((await r.update(student, mapping.uuid, { batchSize: 7 } as never)).config).toMatchObject({ batchSize: 7 });
  });

  it("a student sees and touches only their own mappings", async () => {
    const r = registry();
    const mine = await r.create(student, { ...base, eventSourceArn: queueArn });
    expect(r.list(other)).toEqual([]);
    expect((await rejection(r.delete(other, mine.uuid))).code).toBe("ResourceNotFoundException");
    expect((await rejection(r.enable(other, mine.uuid))).code).toBe("ResourceNotFoundException");
    expect(() => r.get(other, mine.uuid)).toThrow(MappingError);
    expect(r.list(student)).toHaveLength(1);
  });

  it("teardown deletes every mapping of the lab and says which", async () => {
    const r = registry();
    await r.create(student, { ...base, eventSourceArn: queueArn });
    await r.create(student, { ...base, eventSourceArn: streamArn, startingPosition: "LATEST" });
    await r.create(other, { ...base, eventSourceArn: queueArn });
    const deleted = await r.deleteAll(student);
    expect(deleted.map((m) => m.config.eventSourceArn).sort()).toEqual([queueArn, streamArn].sort());
    expect(r.list(student)).toEqual([]);
    expect(r.list(other)).toHaveLength(1);
  });

  it("an enabled mapping without a connection says why it is not running", async () => {
    const view = await registry().create(student, { ...base, enabled: true, eventSourceArn: queueArn });
    expect(view).toMatchObject({ state: "Enabled", running: false, problem: "There is no connection for this student yet." });
  });
});
