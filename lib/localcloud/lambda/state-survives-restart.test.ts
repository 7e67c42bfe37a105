import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { IAMClient } from "@aws-sdk/client-iam";
import {
  AddPermissionCommand,
  DeleteFunctionConcurrencyCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  InvokeCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { CreateQueueCommand, GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { clientConfig, startTestCloud } from "../test/harness";
import { TRANSITION_MS } from "./model";
import { deployFunction, handlerZip, lambdaRole } from "./test-support";

describe("Lambda across a restart", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-restart-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("keeps functions, their code, tags, policy and concurrency, and runs them after the restart", async () => {
    const open = async () => {
      const cloud = await startTestCloud({ dataDir, flushIntervalMs: 10 });
      return { cloud, lambda: new LambdaClient(clientConfig(cloud)), iam: new IAMClient(clientConfig(cloud)) };
    };
    const first = await open();
    const role = await lambdaRole(first.iam);
    const name = await deployFunction(first, role, handlerZip("return 'v1';"), { Tags: { lab: "orders" }, Environment: { Variables: { MODE: "a" } } });
    await first.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: handlerZip("return 'v2 ' + process.env.MODE;") }));
    first.cloud.clock.advance(TRANSITION_MS);
    await first.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 3 }));
    await first.lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: "sns", Action: "lambda:InvokeFunction", Principal: "sns.amazonaws.com" }));
    const before = await first.lambda.send(new GetFunctionCommand({ FunctionName: name }));
    await close(first);

    const second = await open();
    try {
      const after = await second.lambda.send(new GetFunctionCommand({ FunctionName: name }));
      expect(after.Configuration).toEqual(before.Configuration);
      expect(after.Tags).toEqual({ lab: "orders" });
      expect(after.Concurrency).toEqual({ ReservedConcurrentExecutions: 3 });
      expect(JSON.parse((await second.lambda.send(new GetPolicyCommand({ FunctionName: name }))).Policy as string).Statement[0].Sid).toBe("sns");
      const result = await second.lambda.send(new InvokeCommand({ FunctionName: name }));
      expect(new TextDecoder().decode(result.Payload)).toBe(JSON.stringify("v2 a"));
      const codeFiles = fs.readdirSync(path.join(dataDir, "lambda", "code"));
      expect(codeFiles).toHaveLength(1);
    } finally {
      await close(second);
    }
  });

  it("runs an Event invocation it answered 202 before the restart, after it", async () => {
    const first = await startTestCloud({ dataDir });
    const lambda = new LambdaClient(clientConfig(first));
    const iam = new IAMClient(clientConfig(first));
    const sqs = new SQSClient(clientConfig(first));
    await sqs.send(new CreateQueueCommand({ QueueName: "event-invocations-out" }));
    // The queue by name: its URL names the port, which the restarted cloud does not keep.
    const sender = `const { GetQueueUrlCommand, SQSClient, SendMessageCommand } = require("@aws-sdk/client-sqs");
      const sqs = new SQSClient({});
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: process.env.QUEUE_NAME }));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(event) }));`;
    const name = await deployFunction({ cloud: first, lambda }, await lambdaRole(iam), handlerZip(sender), { Environment: { Variables: { QUEUE_NAME: "event-invocations-out" } } });
    // Reserved concurrency 0: the event is accepted and waits (throttled) instead of running.
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 0 }));
    const accepted = await lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: "Event", Payload: new TextEncoder().encode('{"order":7}') }));
    expect(accepted.StatusCode).toBe(202);
    await close({ cloud: first, lambda, iam });
    sqs.destroy();

    const second = await startTestCloud({ dataDir });
    const lambdaAfter = new LambdaClient(clientConfig(second));
    const sqsAfter = new SQSClient(clientConfig(second));
    try {
      const queueUrl = (await sqsAfter.send(new GetQueueUrlCommand({ QueueName: "event-invocations-out" }))).QueueUrl;
      await lambdaAfter.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
      second.clock.advance(2_000);
      const { Messages = [] } = await sqsAfter.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5 }));
      expect(Messages.map((m) => m.Body)).toEqual(['{"order":7}']);
      // Done: its record goes once the invocation has returned.
      await expect.poll(() => second.store.keysUnder("lambda/queued-events/")).toEqual([]);
    } finally {
      sqsAfter.destroy();
      lambdaAfter.destroy();
      await second.close();
    }
  });
});

async function close(side: { cloud: LocalCloud; lambda: LambdaClient; iam: IAMClient }) {
  side.lambda.destroy();
  side.iam.destroy();
  await side.cloud.close();
}
