import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  SetTopicAttributesCommand,
  SNSClient,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import { clientConfig, uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";

describe("SNS topics", () => {
  const bed = cloudForTests({ sns: SNSClient });

  it("creates a standard topic with attributes and tags, idempotently", async () => {
    const name = uniqueName("OrderTopic");
    const created = await bed.sns.send(
      new CreateTopicCommand({
        Name: name,
        Attributes: { DisplayName: "Orders" },
        Tags: [{ Key: "Project", Value: "ServerlessLab" }],
      }),
    );
    expect(created.TopicArn).toBe(`arn:aws:sns:us-east-1:000000000000:${name}`);
    const again = await bed.sns.send(new CreateTopicCommand({ Name: name, Attributes: { DisplayName: "Orders" } }));
    expect(again.TopicArn).toBe(created.TopicArn);

    const { Attributes } = await bed.sns.send(new GetTopicAttributesCommand({ TopicArn: created.TopicArn }));
    expect(Attributes).toMatchObject({
      TopicArn: created.TopicArn,
      Owner: "000000000000",
      DisplayName: "Orders",
      SubscriptionsConfirmed: "0",
      SubscriptionsPending: "0",
      SubscriptionsDeleted: "0",
      SignatureVersion: "1",
    });
    expect(JSON.parse(Attributes?.Policy ?? "{}").Statement[0].Resource).toBe(created.TopicArn);
    expect(JSON.parse(Attributes?.EffectiveDeliveryPolicy ?? "{}").http.defaultHealthyRetryPolicy.numRetries).toBe(3);
    expect(Attributes?.FifoTopic).toBeUndefined();

    const tags = await bed.sns.send(new ListTagsForResourceCommand({ ResourceArn: created.TopicArn }));
    expect(tags.Tags).toEqual([{ Key: "Project", Value: "ServerlessLab" }]);
  });

  it("refuses to re-create a topic with different attributes or tags", async () => {
    const name = uniqueName("Alerts");
    await bed.sns.send(new CreateTopicCommand({ Name: name, Attributes: { DisplayName: "A" }, Tags: [{ Key: "k", Value: "1" }] }));
    await expect(bed.sns.send(new CreateTopicCommand({ Name: name, Attributes: { DisplayName: "B" } }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
    });
    await expect(bed.sns.send(new CreateTopicCommand({ Name: name, Tags: [{ Key: "k", Value: "2" }] }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Tags Reason: Topic already exists with different tags",
    });
  });

  it("creates FIFO topics only with a .fifo name, and says so", async () => {
    const name = `${uniqueName("prices")}.fifo`;
    const fifo = await bed.sns.send(
      new CreateTopicCommand({ Name: name, Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" } }),
    );
    const { Attributes } = await bed.sns.send(new GetTopicAttributesCommand({ TopicArn: fifo.TopicArn }));
    expect(Attributes).toMatchObject({ FifoTopic: "true", ContentBasedDeduplication: "true", FifoThroughputScope: "Topic" });

    await expect(bed.sns.send(new CreateTopicCommand({ Name: uniqueName("plain"), Attributes: { FifoTopic: "true" } }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringContaining("Fifo Topic names must end with .fifo"),
    });
    await expect(bed.sns.send(new CreateTopicCommand({ Name: `${uniqueName("x")}.fifo` }))).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
    await expect(bed.sns.send(new CreateTopicCommand({ Name: "has space" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Topic Name",
    });
    await expect(
      bed.sns.send(new CreateTopicCommand({ Name: uniqueName("std"), Attributes: { ContentBasedDeduplication: "true" } })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("sets and validates topic attributes", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("settable") }));
    await bed.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: "DisplayName", AttributeValue: "Kitchen" }));
    await bed.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: "SignatureVersion", AttributeValue: "2" }));
    const { Attributes } = await bed.sns.send(new GetTopicAttributesCommand({ TopicArn }));
    expect(Attributes).toMatchObject({ DisplayName: "Kitchen", SignatureVersion: "2" });

    await expect(
      bed.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: "NoSuchThing", AttributeValue: "x" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: "Invalid parameter: AttributeName" });
    await expect(
      bed.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: "SignatureVersion", AttributeValue: "3" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(
      bed.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: "Policy", AttributeValue: "{not json" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("answers NotFound for a topic that does not exist, and deletes idempotently", async () => {
    const missing = "arn:aws:sns:us-east-1:000000000000:never-created";
    await expect(bed.sns.send(new GetTopicAttributesCommand({ TopicArn: missing }))).rejects.toMatchObject({
      name: "NotFoundException",
      message: "Topic does not exist",
      $metadata: { httpStatusCode: 404 },
    });
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("short-lived") }));
    await bed.sns.send(new DeleteTopicCommand({ TopicArn }));
    await bed.sns.send(new DeleteTopicCommand({ TopicArn }));
    await expect(bed.sns.send(new GetTopicAttributesCommand({ TopicArn }))).rejects.toMatchObject({ name: "NotFoundException" });
  });

  it("lists topics 100 to a page", async () => {
    const other = new SNSClient(clientConfig(bed.cloud, "eu-west-1"));
    const arns: string[] = [];
    for (let i = 0; i < 105; i++) {
      const { TopicArn } = await other.send(new CreateTopicCommand({ Name: `page-topic-${i}` }));
      arns.push(TopicArn as string);
    }
    const first = await other.send(new ListTopicsCommand({}));
    expect(first.Topics).toHaveLength(100);
    expect(first.NextToken).toBeTruthy();
    const second = await other.send(new ListTopicsCommand({ NextToken: first.NextToken }));
    expect(second.Topics).toHaveLength(5);
    expect(second.NextToken).toBeUndefined();
    const listed = [...(first.Topics ?? []), ...(second.Topics ?? [])].map((t) => t.TopicArn);
    expect(new Set(listed)).toEqual(new Set(arns));
    expect(listed.every((arn) => arn?.startsWith("arn:aws:sns:eu-west-1:"))).toBe(true);
    other.destroy();
  });

  it("tags and untags a topic", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("tagged") }));
    await bed.sns.send(
      new TagResourceCommand({ ResourceArn: TopicArn, Tags: [{ Key: "Lab", Value: "sns-fanout" }, { Key: "Student", Value: "user3" }] }),
    );
    await bed.sns.send(new UntagResourceCommand({ ResourceArn: TopicArn, TagKeys: ["Lab"] }));
    const { Tags } = await bed.sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }));
    expect(Tags).toEqual([{ Key: "Student", Value: "user3" }]);
    await expect(
      bed.sns.send(new ListTagsForResourceCommand({ ResourceArn: "arn:aws:sns:us-east-1:000000000000:nope" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expect(bed.sns.send(new TagResourceCommand({ ResourceArn: TopicArn, Tags: tooMany }))).rejects.toMatchObject({
      name: "TagLimitExceededException",
    });
  });
});
