import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { CreatePipeCommand, DescribePipeCommand, PipesClient } from "@aws-sdk/client-pipes";
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { clientConfig, startTestCloud } from "../test/harness";
import { advanceSeconds, createQueue, inspectPipe, PIPE_ROLE_ARN } from "./test-support";

describe("pipes across a restart", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pipes-restart-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function drain(sqs: SQSClient, url: string) {
    const bodies: string[] = [];
    for (;;) {
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
      if (!received.Messages?.length) return bodies.sort();
      for (const m of received.Messages) {
        bodies.push(m.Body as string);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
      }
    }
  }

  it("keeps running pipes, their counters and their place in a table's stream", async () => {
    const clients = (cloud: LocalCloud) => ({
      pipes: new PipesClient(clientConfig(cloud)),
      sqs: new SQSClient(clientConfig(cloud)),
      dynamodb: new DynamoDBClient(clientConfig(cloud)),
    });
    const destroy = (c: ReturnType<typeof clients>) => Object.values(c).forEach((client) => client.destroy());

    const first = await startTestCloud({ dataDir, flushIntervalMs: 10 });
    const a = clients(first);
    const source = await createQueue(a.sqs, "restart-orders");
    const target = await createQueue(a.sqs, "restart-out");
    const table = await a.dynamodb.send(
      new CreateTableCommand({
        TableName: "RestartOrders",
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" },
      }),
    );
    advanceSeconds(first, 10);
    await a.pipes.send(
      new CreatePipeCommand({ Name: "queue-pipe", RoleArn: PIPE_ROLE_ARN, Source: source.arn, Target: target.arn, TargetParameters: { InputTemplate: "<$.body>" } }),
    );
    await a.pipes.send(
      new CreatePipeCommand({
        Name: "table-pipe",
        RoleArn: PIPE_ROLE_ARN,
        Source: table.TableDescription?.LatestStreamArn,
        Target: target.arn,
        SourceParameters: { DynamoDBStreamParameters: { StartingPosition: "TRIM_HORIZON" } },
        TargetParameters: { InputTemplate: "item <$.dynamodb.NewImage.id.S>" },
      }),
    );
    advanceSeconds(first, 4);
    await a.sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: "before restart" }));
    await a.dynamodb.send(new PutItemCommand({ TableName: "RestartOrders", Item: { id: { S: "one" } } }));
    advanceSeconds(first, 2);
    expect(await drain(a.sqs, target.url)).toEqual(["before restart", "item one"]);
    destroy(a);
    await first.close();

    const second = await startTestCloud({ dataDir });
    const b = clients(second);
    try {
      expect((await b.pipes.send(new DescribePipeCommand({ Name: "table-pipe" }))).CurrentState).toBe("RUNNING");
      await b.sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: "after restart" }));
      await b.dynamodb.send(new PutItemCommand({ TableName: "RestartOrders", Item: { id: { S: "two" } } }));
      advanceSeconds(second, 2);
      expect(await drain(b.sqs, target.url)).toEqual(["after restart", "item two"]);
      expect((await inspectPipe(second, "table-pipe"))?.counters).toMatchObject({ received: 2, delivered: 2 });
    } finally {
      destroy(b);
      await second.close();
    }
  });
});
