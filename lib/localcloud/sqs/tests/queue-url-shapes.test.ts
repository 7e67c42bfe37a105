import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { errorOf, useSqsTestBed } from "./helpers";

describe("queue URLs", () => {
  const bed = useSqsTestBed();

  it("accepts AWS-shaped and LocalStack-shaped URLs by their last two path segments", async () => {
    const queue = await bed.createQueue("shapes");
    const shapes = [
      `https://sqs.us-east-1.amazonaws.com/000000000000/${queue.name}`,
      `http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/${queue.name}`,
      `http://localhost:4566/queue/us-east-1/000000000000/${queue.name}`,
    ];
    for (const url of shapes) {
      // With an endpoint configured the SDK keeps sending to it; only the QueueUrl member differs.
      await bed.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: url }));
    }
    expect(await bed.counts(queue.url)).toMatchObject({ visible: 3 });
  });

  it("refuses another account's queue and a URL without a path", async () => {
    const queue = await bed.createQueue("accounts");
    const other = await errorOf(
      bed.sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${bed.cloud.endpoint}/123456789012/${queue.name}`, AttributeNames: ["All"] })),
    );
    expect(other).toMatchObject({ name: "QueueDoesNotExist" });
    const owner = await errorOf(bed.sqs.send(new GetQueueUrlCommand({ QueueName: queue.name, QueueOwnerAWSAccountId: "123456789012" })));
    expect(owner).toMatchObject({ name: "QueueDoesNotExist" });
  });
});
