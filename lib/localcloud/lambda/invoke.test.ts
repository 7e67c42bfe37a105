import { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { IAMClient } from "@aws-sdk/client-iam";
import { CreateFunctionCommand, InvokeCommand, LambdaClient, UpdateFunctionConfigurationCommand } from "@aws-sdk/client-lambda";
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { TRANSITION_MS } from "./model";
import { deployFunction, handlerZip, lambdaRole, zipOf } from "./test-support";

const bed = cloudForTests({ lambda: LambdaClient, iam: IAMClient, sqs: SQSClient, logs: CloudWatchLogsClient });
let role = "";
beforeAll(async () => {
  role = await lambdaRole(bed.iam);
});

const text = (payload: Uint8Array | undefined) => new TextDecoder().decode(payload);
const json = (payload: Uint8Array | undefined) => JSON.parse(text(payload)) as Record<string, unknown>;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** A handler that sends the event to the queue in QUEUE_URL through the SDK (reaching the cloud via AWS_ENDPOINT_URL), then fails when FAIL is set. */
const SENDER = `
const { SQSClient, SendMessageCommand } = require("@aws-sdk/client-sqs");
const sqs = new SQSClient({});
exports.handler = async (event) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(event) }));
  if (process.env.FAIL) throw new Error("failing on purpose");
  return "sent";
};`;

async function queue(): Promise<string> {
  return (await bed.sqs.send(new CreateQueueCommand({ QueueName: uniqueName("fn-out") }))).QueueUrl as string;
}

/** Reads `count` messages (long polls; each deleted once read), or fewer when the queue stays empty for 5 s. */
async function receiveBodies(queueUrl: string, count: number): Promise<string[]> {
  const bodies: string[] = [];
  while (bodies.length < count) {
    const { Messages } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5, MaxNumberOfMessages: 10 }));
    if (!Messages?.length) break;
    bodies.push(...Messages.map((m) => m.Body as string));
    for (const m of Messages) await bed.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
  }
  return bodies;
}

describe("Invoke", () => {
  it("runs the handler with the function's environment and answers its result", async () => {
    const name = await deployFunction(
      bed,
      role,
      handlerZip(`const e = process.env; return { event, region: e.AWS_REGION, defaultRegion: e.AWS_DEFAULT_REGION, name: e.AWS_LAMBDA_FUNCTION_NAME,
        version: e.AWS_LAMBDA_FUNCTION_VERSION, memory: e.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, group: e.AWS_LAMBDA_LOG_GROUP_NAME, handler: e._HANDLER,
        endpoint: e.AWS_ENDPOINT_URL, mode: e.MODE, key: e.AWS_ACCESS_KEY_ID, taskRoot: e.LAMBDA_TASK_ROOT === process.cwd(),
        stream: e.AWS_LAMBDA_LOG_STREAM_NAME, contextStream: context.logStreamName };`),
      { MemorySize: 256, Environment: { Variables: { MODE: "calm" } } },
    );
    const result = await bed.lambda.send(new InvokeCommand({ FunctionName: name, Payload: encode({ order: 7 }) }));
    expect(result).toMatchObject({ StatusCode: 200, ExecutedVersion: "$LATEST" });
    expect(result.FunctionError).toBeUndefined();
    expect(json(result.Payload)).toMatchObject({
      event: { order: 7 },
      region: "us-east-1",
      defaultRegion: "us-east-1",
      name,
      version: "$LATEST",
      memory: "256",
      group: `/aws/lambda/${name}`,
      handler: "index.handler",
      endpoint: bed.cloud.endpoint,
      mode: "calm",
      key: "test",
      taskRoot: true,
    });
    const seen = json(result.Payload);
    expect(seen.stream).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(seen.stream).toBe(seen.contextStream);
  });

  it("returns the log tail with LogType Tail and writes START / lines / END / REPORT to /aws/lambda/<name>", async () => {
    const name = await deployFunction(bed, role, handlerZip(`console.log("hello from", event.who); return "ok";`));
    const result = await bed.lambda.send(new InvokeCommand({ FunctionName: name, Payload: encode({ who: "tests" }), LogType: "Tail" }));
    await bed.lambda.send(new InvokeCommand({ FunctionName: name, Payload: encode({ who: "again" }) }));
    const tail = Buffer.from(result.LogResult as string, "base64").toString("utf8").trimEnd().split("\n");
    expect(tail[0]).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/);
    expect(tail.some((line) => /\tINFO\thello from tests$/.test(line))).toBe(true);
    expect(tail.at(-2)).toMatch(/^END RequestId: [0-9a-f-]{36}$/);
    expect(tail.at(-1)).toMatch(/^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms$/);

    const group = `/aws/lambda/${name}`;
    const { logStreams } = await bed.logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
    expect(logStreams?.length).toBe(1);
    expect(logStreams?.[0].logStreamName).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    const { events } = await bed.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: logStreams?.[0].logStreamName, startFromHead: true }));
    const messages = (events ?? []).map((e) => e.message ?? "");
    expect(messages.filter((m) => m.startsWith("START RequestId:")).length).toBe(2);
    expect(messages.filter((m) => m.startsWith("REPORT RequestId:") && m.includes("Init Duration")).length).toBe(1);
  });

  it("reports a thrown error as FunctionError Unhandled with Lambda's error payload", async () => {
    const name = await deployFunction(bed, role, handlerZip(`throw new TypeError("no order " + event.id);`));
    const result = await bed.lambda.send(new InvokeCommand({ FunctionName: name, Payload: encode({ id: 3 }) }));
    expect(result).toMatchObject({ StatusCode: 200, FunctionError: "Unhandled" });
    const payload = json(result.Payload);
    expect(payload).toMatchObject({ errorType: "TypeError", errorMessage: "no order 3" });
    expect((payload.trace as string[])[0]).toBe("TypeError: no order 3");
  });

  it("stops a handler at its timeout and logs Lambda's timeout line", async () => {
    const name = await deployFunction(bed, role, handlerZip("while (true) {}"), { Timeout: 1 });
    const result = await bed.lambda.send(new InvokeCommand({ FunctionName: name, LogType: "Tail" }));
    expect(result.FunctionError).toBe("Unhandled");
    expect(json(result.Payload)).toMatchObject({ errorType: "Sandbox.Timedout", errorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds$/) });
    expect(Buffer.from(result.LogResult as string, "base64").toString()).toMatch(/Z [0-9a-f-]{36} Task timed out after 1\.00 seconds\n/);
  });

  it("runs a new environment after UpdateFunctionConfiguration (an environment variable switches a failure mode on)", async () => {
    const name = await deployFunction(bed, role, handlerZip(`globalThis.count = (globalThis.count ?? 0) + 1; if (process.env.FAIL) throw new Error("down"); return globalThis.count;`));
    expect(text((await bed.lambda.send(new InvokeCommand({ FunctionName: name }))).Payload)).toBe("1");
    expect(text((await bed.lambda.send(new InvokeCommand({ FunctionName: name }))).Payload)).toBe("2");
    await bed.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: { FAIL: "yes" } } }));
    const failed = await bed.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(failed.FunctionError).toBe("Unhandled");
    expect(json(failed.Payload)).toMatchObject({ errorMessage: "down" });
  });

  it("queues an Event invocation (202) whose code reaches the local cloud through AWS_ENDPOINT_URL", async () => {
    const queueUrl = await queue();
    const name = await deployFunction(bed, role, zipOf({ "index.js": SENDER }), { Environment: { Variables: { QUEUE_URL: queueUrl } } });
    const result = await bed.lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: "Event", Payload: encode({ n: 1 }) }));
    expect(result.StatusCode).toBe(202);
    expect(result.Payload?.length ?? 0).toBe(0);
    expect(await receiveBodies(queueUrl, 1)).toEqual([JSON.stringify({ n: 1 })]);
  });

  it("retries a failing Event invocation twice, a minute and then two minutes later", async () => {
    const queueUrl = await queue();
    const name = await deployFunction(bed, role, zipOf({ "index.js": SENDER }), { Environment: { Variables: { QUEUE_URL: queueUrl, FAIL: "1" } } });
    await bed.lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: "Event", Payload: encode({ n: 2 }) }));
    expect(await receiveBodies(queueUrl, 1)).toHaveLength(1);
    bed.cloud.clock.advance(59_000);
    bed.cloud.clock.advance(1_000);
    expect(await receiveBodies(queueUrl, 1)).toHaveLength(1);
    bed.cloud.clock.advance(120_000);
    expect(await receiveBodies(queueUrl, 1)).toHaveLength(1);
    bed.cloud.clock.advance(600_000);
    // A fourth attempt would have started at the advance: a second of long poll sees it if there is one.
    const { Messages } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
    expect(Messages ?? []).toHaveLength(0);
  });

  it("answers DryRun with 204 and refuses what Invoke refuses", async () => {
    const name = await deployFunction(bed, role, handlerZip("return 1;"));
    expect((await bed.lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: "DryRun" }))).StatusCode).toBe(204);
    await expect(bed.lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode("{not json") }))).rejects.toMatchObject({
      name: "InvalidRequestContentException",
      message: expect.stringMatching(/^Could not parse request body into json: /),
    });
    await expect(bed.lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: "Event", Payload: encode("x".repeat(1024 * 1024)) }))).rejects.toMatchObject({
      name: "RequestEntityTooLargeException",
      message: "Request must be smaller than 1048576 bytes for the InvokeFunction operation",
      $metadata: { httpStatusCode: 413 },
    });
    await expect(bed.lambda.send(new InvokeCommand({ FunctionName: `${name}-missing` }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("refuses to invoke a function that is still Pending", async () => {
    const name = uniqueName("pending");
    await bed.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: "nodejs22.x", Handler: "index.handler", Role: role, Code: { ZipFile: handlerZip("return 1;") } }));
    await expect(bed.lambda.send(new InvokeCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: "ResourceConflictException",
      message: "The operation cannot be performed at this time. The function is currently in the following state: Pending",
    });
    bed.cloud.clock.advance(TRANSITION_MS);
    expect((await bed.lambda.send(new InvokeCommand({ FunctionName: name }))).StatusCode).toBe(200);
  });
});
