/**
 * The control plane as Lambda answers it: states on the cloud's clock (Creating → Enabled,
 * Disabling → Disabled, Enabling, Updating, Deleting), List filtered and paged, Update, and the
 * errors for a second mapping, a missing function, a missing source and bad settings.
 */
import { CreateStreamCommand } from "@aws-sdk/client-kinesis";
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createQueue, deployFunction, esmForTests, mappingState } from "./test-support";

const bed = esmForTests();

/** The error name and message a call fails with. */
async function failure(call: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error("The call succeeded.");
}

describe("event source mapping states", () => {
  it("goes Creating → Enabled, Disabling → Disabled, Enabling → Enabled, Updating, and answers Delete with Deleting", async () => {
    const fn = uniqueName("state-worker");
    const functionArn = await deployFunction(bed, fn);
    const queue = await createQueue(bed.sqs, uniqueName("states"));
    const created = await bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queue.arn, FunctionName: functionArn, BatchSize: 7 }));
    expect(created).toMatchObject({
      State: "Creating",
      StateTransitionReason: "USER_INITIATED",
      FunctionArn: functionArn,
      EventSourceArn: queue.arn,
      BatchSize: 7,
      MaximumBatchingWindowInSeconds: 0,
      FunctionResponseTypes: [],
      EventSourceMappingArn: `arn:aws:lambda:us-east-1:000000000000:event-source-mapping:${created.UUID}`,
    });
    expect(created.UUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(created.LastModified).toBeInstanceOf(Date);
    expect(created.$metadata.httpStatusCode).toBe(202);
    const uuid = created.UUID as string;

    expect(await mappingState(bed.lambda, uuid)).toBe("Creating");
    bed.cloud.clock.advance(1_500);
    expect(await mappingState(bed.lambda, uuid)).toBe("Enabled");

    const disabled = await bed.lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: false }));
    expect(disabled.State).toBe("Disabling");
    bed.cloud.clock.advance(1_500);
    expect(await mappingState(bed.lambda, uuid)).toBe("Disabled");

    expect((await bed.lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: true }))).State).toBe("Enabling");
    bed.cloud.clock.advance(1_500);
    const updated = await bed.lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, BatchSize: 3, ScalingConfig: { MaximumConcurrency: 4 } }));
    expect(updated).toMatchObject({ State: "Updating", BatchSize: 3, ScalingConfig: { MaximumConcurrency: 4 } });
    bed.cloud.clock.advance(1_500);
    expect(await mappingState(bed.lambda, uuid)).toBe("Enabled");

    const deleted = await bed.lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
    expect(deleted).toMatchObject({ State: "Deleting", UUID: uuid, BatchSize: 3 });
    expect(await failure(bed.lambda.send(new GetEventSourceMappingCommand({ UUID: uuid })))).toEqual({
      name: "ResourceNotFoundException",
      message: "The resource you requested does not exist.",
      status: 404,
    });
  });

  it("reports a stream mapping's settings with Lambda's defaults", async () => {
    const fn = uniqueName("stream-settings");
    await deployFunction(bed, fn);
    const streamName = uniqueName("settings-stream");
    await bed.kinesis.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: 1 }));
    const streamArn = `arn:aws:kinesis:us-east-1:000000000000:stream/${streamName}`;
    const at = new Date(Math.floor(bed.cloud.clock.now() / 1000) * 1000);
    const created = await bed.lambda.send(
      new CreateEventSourceMappingCommand({ EventSourceArn: streamArn, FunctionName: fn, StartingPosition: "AT_TIMESTAMP", StartingPositionTimestamp: at, Enabled: false }),
    );
    expect(created).toMatchObject({
      StartingPosition: "AT_TIMESTAMP",
      StartingPositionTimestamp: at,
      BatchSize: 100,
      ParallelizationFactor: 1,
      MaximumRetryAttempts: -1,
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
      DestinationConfig: { OnFailure: {} },
      TumblingWindowInSeconds: 0,
      LastProcessingResult: "No records processed",
    });
    bed.cloud.clock.advance(1_500);
    expect(await mappingState(bed.lambda, created.UUID as string)).toBe("Disabled");
  });
});

describe("listing mappings", () => {
  it("filters by source and function (name or ARN) and pages with Marker and MaxItems", async () => {
    const fnA = uniqueName("list-a");
    const fnB = uniqueName("list-b");
    const arnA = await deployFunction(bed, fnA);
    await deployFunction(bed, fnB);
    const queues = [await createQueue(bed.sqs, uniqueName("list-1")), await createQueue(bed.sqs, uniqueName("list-2")), await createQueue(bed.sqs, uniqueName("list-3"))];
    for (const queue of queues) await bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queue.arn, FunctionName: fnA, Enabled: false }));
    await bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queues[0].arn, FunctionName: fnB, Enabled: false }));

    const bySource = await bed.lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: queues[0].arn }));
    expect(bySource.EventSourceMappings?.map((m) => m.FunctionArn?.split(":").pop()).sort()).toEqual([fnA, fnB].sort());

    const first = await bed.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: arnA, MaxItems: 2 }));
    expect(first.EventSourceMappings).toHaveLength(2);
    expect(first.NextMarker).toBeDefined();
    const rest = await bed.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: fnA, MaxItems: 2, Marker: first.NextMarker }));
    expect(rest.EventSourceMappings).toHaveLength(1);
    expect(rest.NextMarker).toBeUndefined();
    expect([...(first.EventSourceMappings ?? []), ...(rest.EventSourceMappings ?? [])].map((m) => m.EventSourceArn)).toEqual(queues.map((q) => q.arn));
  });
});

describe("errors", () => {
  it("refuses a second mapping of one source to one function, naming the first", async () => {
    const fn = uniqueName("conflict-worker");
    await deployFunction(bed, fn);
    const queue = await createQueue(bed.sqs, uniqueName("conflict"));
    const first = await bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queue.arn, FunctionName: fn }));
    const error = await failure(bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queue.arn, FunctionName: fn })));
    expect(error.name).toBe("ResourceConflictException");
    expect(error.status).toBe(409);
    expect(error.message).toContain(`Please update or delete the existing mapping with UUID ${first.UUID}`);
  });

  it("refuses a function that does not exist, and a queue or stream that does not exist", async () => {
    const queue = await createQueue(bed.sqs, uniqueName("no-function"));
    expect(await failure(bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queue.arn, FunctionName: "no-such-function" })))).toEqual({
      name: "ResourceNotFoundException",
      message: "Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function",
      status: 404,
    });

    const fn = uniqueName("no-source");
    await deployFunction(bed, fn);
    const missingQueue = await failure(
      bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:no-such-queue", FunctionName: fn })),
    );
    expect(missingQueue.name).toBe("InvalidParameterValueException");
    expect(missingQueue.message).toContain("AWS.SimpleQueueService.NonExistentQueue");
    const streamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/no-such-stream";
    expect(
      await failure(bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: streamArn, FunctionName: fn, StartingPosition: "LATEST" }))),
    ).toMatchObject({ name: "InvalidParameterValueException", message: `Stream not found: ${streamArn}` });
    expect(await failure(bed.lambda.send(new GetEventSourceMappingCommand({ UUID: "6b0c8ab2-3a33-4c4e-9d5b-5c1f7e0b2a11" })))).toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("refuses bad settings with InvalidParameterValueException and creates nothing", async () => {
    const fn = uniqueName("bad-settings");
    await deployFunction(bed, fn);
    const queue = await createQueue(bed.sqs, uniqueName("bad-settings"));
    const bad = [
      { BatchSize: 20 }, // > 10 needs a batching window
      { BatchSize: 0 },
      { StartingPosition: "LATEST" as const }, // not for SQS
      { ScalingConfig: { MaximumConcurrency: 1 } },
    ];
    for (const settings of bad) {
      const error = await failure(bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queue.arn, FunctionName: fn, ...settings })));
      expect(error.name, JSON.stringify(settings)).toBe("InvalidParameterValueException");
      expect(error.status).toBe(400);
    }
    const listed = await bed.lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: queue.arn }));
    expect(listed.EventSourceMappings).toEqual([]);
  });
});
