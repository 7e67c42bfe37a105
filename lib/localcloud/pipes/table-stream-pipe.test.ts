import { CreateTableCommand, DeleteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { CreatePipeCommand, PipesClient } from "@aws-sdk/client-pipes";
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { advanceSeconds, createQueue, inspectPipe, PIPE_ROLE_ARN } from "./test-support";

describe("a pipe from a table's stream", () => {
  const bed = cloudForTests({ pipes: PipesClient, sqs: SQSClient, dynamodb: DynamoDBClient });

  async function drain(url: string) {
    const bodies: unknown[] = [];
    for (;;) {
      const received = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
      if (!received.Messages?.length) return bodies;
      for (const m of received.Messages) {
        bodies.push(JSON.parse(m.Body as string));
        await bed.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
      }
    }
  }

  it("moves only the matching new orders, transformed, and never the same record twice", async () => {
    const table = uniqueName("Orders");
    const created = await bed.dynamodb.send(
      new CreateTableCommand({
        TableName: table,
        KeySchema: [{ AttributeName: "orderId", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "orderId", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
      }),
    );
    const streamArn = created.TableDescription?.LatestStreamArn as string;
    expect(streamArn).toContain(`table/${table}/stream/`);
    advanceSeconds(bed.cloud, 10);
    const target = await createQueue(bed.sqs, uniqueName("priority-orders"));
    const name = uniqueName("PriorityOrderPipe");
    await bed.pipes.send(
      new CreatePipeCommand({
        Name: name,
        RoleArn: PIPE_ROLE_ARN,
        Source: streamArn,
        Target: target.arn,
        SourceParameters: {
          DynamoDBStreamParameters: { StartingPosition: "TRIM_HORIZON", BatchSize: 10 },
          FilterCriteria: {
            Filters: [{ Pattern: JSON.stringify({ eventName: ["INSERT"], dynamodb: { NewImage: { tier: { S: [{ prefix: "HIGH" }] } } } }) }],
          },
        },
        TargetParameters: {
          InputTemplate: '{"orderId": <$.dynamodb.NewImage.orderId.S>, "amount": <$.dynamodb.NewImage.amount.N>, "tier": "<$.dynamodb.NewImage.tier.S>", "event": <$.eventName>}',
        },
      }),
    );

    const put = (orderId: string, amount: number, tier: string) =>
      bed.dynamodb.send(new PutItemCommand({ TableName: table, Item: { orderId: { S: orderId }, amount: { N: String(amount) }, tier: { S: tier } } }));
    await put("o-1", 1499, "STANDARD");
    await put("o-2", 25000, "HIGH-VALUE");
    await put("o-3", 12000, "HIGH-VALUE");
    await bed.dynamodb.send(
      new UpdateItemCommand({ TableName: table, Key: { orderId: { S: "o-2" } }, UpdateExpression: "SET #s = :s", ExpressionAttributeNames: { "#s": "status" }, ExpressionAttributeValues: { ":s": { S: "DONE" } } }),
    );
    await bed.dynamodb.send(new DeleteItemCommand({ TableName: table, Key: { orderId: { S: "o-3" } } }));
    advanceSeconds(bed.cloud, 6);

    expect(await drain(target.url)).toEqual([
      { orderId: "o-2", amount: "25000", tier: "HIGH-VALUE", event: "INSERT" },
      { orderId: "o-3", amount: "12000", tier: "HIGH-VALUE", event: "INSERT" },
    ]);
    expect((await inspectPipe(bed.cloud, name))?.counters).toEqual({ received: 5, filteredOut: 3, delivered: 2, failed: 0 });

    await put("o-4", 50000, "HIGH-VALUE");
    advanceSeconds(bed.cloud, 3);
    expect(await drain(target.url)).toEqual([{ orderId: "o-4", amount: "50000", tier: "HIGH-VALUE", event: "INSERT" }]);
  });

  it("starts at LATEST when asked, skipping what the stream already holds", async () => {
    const table = uniqueName("Latest");
    const created = await bed.dynamodb.send(
      new CreateTableCommand({
        TableName: table,
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" },
      }),
    );
    advanceSeconds(bed.cloud, 10);
    await bed.dynamodb.send(new PutItemCommand({ TableName: table, Item: { id: { S: "before" } } }));
    const target = await createQueue(bed.sqs, uniqueName("latest-out"));
    await bed.pipes.send(
      new CreatePipeCommand({
        Name: uniqueName("latest"),
        RoleArn: PIPE_ROLE_ARN,
        Source: created.TableDescription?.LatestStreamArn,
        Target: target.arn,
        SourceParameters: { DynamoDBStreamParameters: { StartingPosition: "LATEST" } },
        TargetParameters: { InputTemplate: '{"id": <$.dynamodb.NewImage.id.S>}' },
      }),
    );
    advanceSeconds(bed.cloud, 5);
    await bed.dynamodb.send(new PutItemCommand({ TableName: table, Item: { id: { S: "after" } } }));
    advanceSeconds(bed.cloud, 2);
    expect(await drain(target.url)).toEqual([{ id: "after" }]);
  });
});
