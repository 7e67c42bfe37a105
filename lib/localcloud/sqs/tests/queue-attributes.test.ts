import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../../test/harness";
import { errorOf, useSqsTestBed } from "./helpers";

describe("queue attributes", () => {
  const bed = useSqsTestBed();

  const all = async (url: string) => (await bed.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }))).Attributes ?? {};

  it("gives a standard queue AWS's defaults", async () => {
    const queue = await bed.createQueue("defaults");
    const attributes = await all(queue.url);
    expect(attributes).toMatchObject({
      QueueArn: queue.arn,
      VisibilityTimeout: "30",
      MaximumMessageSize: "1048576",
      MessageRetentionPeriod: "345600",
      DelaySeconds: "0",
      ReceiveMessageWaitTimeSeconds: "0",
      SqsManagedSseEnabled: "true",
      ApproximateNumberOfMessages: "0",
      ApproximateNumberOfMessagesNotVisible: "0",
      ApproximateNumberOfMessagesDelayed: "0",
    });
    expect(Number(attributes.CreatedTimestamp)).toBeCloseTo(bed.cloud.clock.now() / 1000, -1);
    expect(attributes).not.toHaveProperty("FifoQueue");
    expect(attributes).not.toHaveProperty("RedrivePolicy");
  });

  it("gives a FIFO queue its FIFO attributes", async () => {
    const queue = await bed.createQueue("fifo-defaults", {}, true);
    expect(await all(queue.url)).toMatchObject({
      FifoQueue: "true",
      ContentBasedDeduplication: "false",
      DeduplicationScope: "queue",
      FifoThroughputLimit: "perQueue",
    });
  });

  it("returns only the attributes asked for, and none when none are asked for", async () => {
    const queue = await bed.createQueue("selected", { DelaySeconds: "5" });
    const picked = await bed.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ["DelaySeconds", "QueueArn"] }));
    expect(picked.Attributes).toEqual({ DelaySeconds: "5", QueueArn: queue.arn });
    const none = await bed.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url }));
    expect(none.Attributes).toBeUndefined();
  });

  it("updates attributes and LastModifiedTimestamp", async () => {
    const queue = await bed.createQueue("updated");
    bed.advanceSeconds(120);
    await bed.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { VisibilityTimeout: "300", Policy: '{"Version":"2012-10-17","Statement":[]}' } }));
    const attributes = await all(queue.url);
    expect(attributes.VisibilityTimeout).toBe("300");
    expect(attributes.Policy).toBe('{"Version":"2012-10-17","Statement":[]}');
    expect(Number(attributes.LastModifiedTimestamp) - Number(attributes.CreatedTimestamp)).toBeGreaterThanOrEqual(119);
  });

  it("validates names and values as AWS does", async () => {
    const queue = await bed.createQueue("validated");
    const set = (attributes: Record<string, string>) => errorOf(bed.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: attributes })));
    expect(await set({ VisibilityTimeout: "43201" })).toMatchObject({ name: "InvalidAttributeValue" });
    expect(await set({ MaximumMessageSize: "1048577" })).toMatchObject({ name: "InvalidAttributeValue" });
    expect(await set({ MessageRetentionPeriod: "59" })).toMatchObject({ name: "InvalidAttributeValue" });
    expect(await set({ DelaySeconds: "abc" })).toMatchObject({ name: "InvalidAttributeValue" });
    expect(await set({ Colour: "blue" })).toMatchObject({ name: "InvalidAttributeName" });
    expect(await set({ ContentBasedDeduplication: "true" })).toMatchObject({ name: "InvalidAttributeName" });
    expect(await set({ QueueArn: "arn:aws:sqs:us-east-1:000000000000:other" })).toMatchObject({ name: "InvalidAttributeName" });
    const unknown = await errorOf(bed.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ["FifoQueue"] })));
    expect(unknown).toMatchObject({ name: "InvalidAttributeName" });
  });

  it("is idempotent for the same attributes and refuses different ones", async () => {
    const name = uniqueName("idempotent");
    const first = await bed.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: "45" } }));
    const same = await bed.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: "45" } }));
    expect(same.QueueUrl).toBe(first.QueueUrl);
    const differs = await errorOf(bed.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: "46" } })));
    expect(differs).toMatchObject({ name: "QueueNameExists", Code: "QueueAlreadyExists" });
  });

  it("checks queue names and FIFO suffixes", async () => {
    const create = (name: string, attributes?: Record<string, string>) => errorOf(bed.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes })));
    expect(await create("has space")).toMatchObject({ name: "InvalidParameterValue" });
    expect(await create("x".repeat(81))).toMatchObject({ name: "InvalidParameterValue" });
    expect(await create("orders.fifo")).toMatchObject({ name: "InvalidParameterValue" });
    expect(await create("orders", { FifoQueue: "true" })).toMatchObject({ name: "InvalidParameterValue" });
  });

  it("makes a deleted queue's name wait 60 seconds of the clock", async () => {
    const name = uniqueName("recreated");
    const { QueueUrl } = await bed.sqs.send(new CreateQueueCommand({ QueueName: name }));
    await bed.sqs.send(new DeleteQueueCommand({ QueueUrl }));
    const early = await errorOf(bed.sqs.send(new CreateQueueCommand({ QueueName: name })));
    expect(early).toMatchObject({ name: "QueueDeletedRecently" });
    bed.advanceSeconds(60);
    await expect(bed.sqs.send(new CreateQueueCommand({ QueueName: name }))).resolves.toMatchObject({ QueueUrl });
  });

  it("switches to SSE-KMS when a key is set", async () => {
    const queue = await bed.createQueue("kms", { KmsMasterKeyId: "alias/aws/sqs" });
    expect(await all(queue.url)).toMatchObject({ KmsMasterKeyId: "alias/aws/sqs", KmsDataKeyReusePeriodSeconds: "300", SqsManagedSseEnabled: "false" });
  });
});
