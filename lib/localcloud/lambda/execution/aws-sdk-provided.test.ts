import { ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../../index";
import { clientConfig, startTestCloud, testCredentials, uniqueName } from "../../test/harness";
import { invocation, poolForTests } from "./test-support";

const SEND_CJS = `
  const { SQSClient, CreateQueueCommand, SendMessageCommand } = require("@aws-sdk/client-sqs");
  const sqs = new SQSClient({});
  exports.handler = async (event) => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: event.queue }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "sent from " + event.style }));
    return QueueUrl;
  };`;

const SEND_ESM = `
  import { SQSClient, CreateQueueCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
  const sqs = new SQSClient({});
  export const handler = async (event) => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: event.queue }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "sent from " + event.style }));
    return QueueUrl;
  };`;

describe("the @aws-sdk v3 packages Lambda's Node.js runtime provides", () => {
  const bed = poolForTests();
  let cloud: LocalCloud;
  let sqs: SQSClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sqs = new SQSClient(clientConfig(cloud));
  });
  afterAll(async () => {
    sqs?.destroy();
    await cloud?.close();
  });

  const environment = () => ({
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL: cloud.endpoint,
    AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
  });

  for (const [style, files] of [
    ["require", { "index.js": SEND_CJS }],
    ["import", { "index.mjs": SEND_ESM }],
  ] as const) {
    it(`lets the code ${style} @aws-sdk/client-sqs and reach the local cloud through AWS_ENDPOINT_URL`, async () => {
      const queue = uniqueName(`from-lambda-${style}`);
      const result = await bed.pool.invoke(invocation(files, { environment: environment(), event: JSON.stringify({ queue, style }), timeoutSeconds: 20 }));
      if (!result.outcome.ok) throw new Error(JSON.stringify(result.outcome));
      const queueUrl = JSON.parse(result.outcome.payload) as string;
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
      expect(received.Messages?.map((message) => message.Body)).toEqual([`sent from ${style}`]);
    });
  }

  it("uses the zip's own copy of a package when it bundles one", async () => {
    const result = await bed.pool.invoke(
      invocation({
        "node_modules/@aws-sdk/client-sqs/package.json": '{"name":"@aws-sdk/client-sqs","main":"index.js"}',
        "node_modules/@aws-sdk/client-sqs/index.js": "exports.bundled = true;",
        "index.js": "const sqs = require('@aws-sdk/client-sqs'); exports.handler = async () => ({ bundled: sqs.bundled === true, hasClient: typeof sqs.SQSClient });",
      }),
    );
    expect(result.outcome).toEqual({ ok: true, payload: '{"bundled":true,"hasClient":"undefined"}' });
  });
});
