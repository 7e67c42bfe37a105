import { describe, expect, it } from "vitest";
import { awsCliAvailable, awsCliSkipReason, runAwsCli } from "../test/aws-cli";
import { cloudForTests } from "../test/test-bed";
import { readOutbox } from "./test-support";

describe("Debian's AWS CLI against SNS (query protocol)", () => {
  const bed = cloudForTests({});
  const aws = (...args: string[]) => runAwsCli(bed.cloud.endpoint, args);

  it.skipIf(!awsCliAvailable)(`fans a filtered publish out to a queue and an email${awsCliSkipReason}`, async () => {
    const { TopicArn } = (await aws("sns", "create-topic", "--name", "cli-orders", "--attributes", "DisplayName=Orders", "--tags", "Key=Project,Value=ServerlessLab")) as {
      TopicArn: string;
    };
    expect(TopicArn).toBe("arn:aws:sns:us-east-1:000000000000:cli-orders");
    await aws("sns", "set-topic-attributes", "--topic-arn", TopicArn, "--attribute-name", "DisplayName", "--attribute-value", "Cafe orders");
    const attributes = (await aws("sns", "get-topic-attributes", "--topic-arn", TopicArn)).Attributes as Record<string, string>;
    expect(attributes).toMatchObject({ DisplayName: "Cafe orders", TopicArn });

    const { QueueUrl } = (await aws("sqs", "create-queue", "--queue-name", "cli-orders-queue")) as { QueueUrl: string };
    const queueArn = "arn:aws:sqs:us-east-1:000000000000:cli-orders-queue";
    const { SubscriptionArn } = (await aws(
      "sns", "subscribe", "--topic-arn", TopicArn, "--protocol", "sqs", "--notification-endpoint", queueArn,
      "--attributes", '{"RawMessageDelivery":"true","FilterPolicy":"{\\"store\\":[\\"cafe\\"]}"}',
    )) as { SubscriptionArn: string };
    expect(SubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:000000000000:cli-orders:/);

    await aws("sns", "subscribe", "--topic-arn", TopicArn, "--protocol", "email", "--notification-endpoint", "chef@example.com");
    const [confirmation] = await readOutbox(bed.cloud, "cli-orders");
    await aws("sns", "confirm-subscription", "--topic-arn", TopicArn, "--token", confirmation.token as string);

    await aws("sns", "publish", "--topic-arn", TopicArn, "--message", "latte x2", "--message-attributes", '{"store":{"DataType":"String","StringValue":"cafe"}}');
    await aws("sns", "publish", "--topic-arn", TopicArn, "--message", "elsewhere", "--message-attributes", '{"store":{"DataType":"String","StringValue":"bar"}}');
    const received = (await aws("sqs", "receive-message", "--queue-url", QueueUrl, "--max-number-of-messages", "10", "--message-attribute-names", "All")) as {
      Messages: Array<{ Body: string; MessageAttributes: Record<string, unknown> }>;
    };
    expect(received.Messages.map((m) => m.Body)).toEqual(["latte x2"]);
    expect(received.Messages[0].MessageAttributes).toEqual({ store: { DataType: "String", StringValue: "cafe" } });
    expect((await readOutbox(bed.cloud, "cli-orders")).filter((e) => e.kind === "Notification").map((e) => e.body.split("\n")[0])).toEqual([
      "latte x2",
      "elsewhere",
    ]);

    const batch = (await aws("sns", "publish-batch", "--topic-arn", TopicArn, "--publish-batch-request-entries", "Id=a,Message=one", "Id=b,Message=two")) as {
      Successful: Array<{ Id: string }>;
    };
    expect(batch.Successful.map((s) => s.Id)).toEqual(["a", "b"]);

    const listed = (await aws("sns", "list-subscriptions-by-topic", "--topic-arn", TopicArn)) as { Subscriptions: Array<{ Protocol: string }> };
    expect(listed.Subscriptions.map((s) => s.Protocol).sort()).toEqual(["email", "sqs"]);
    expect(await aws("sns", "list-tags-for-resource", "--resource-arn", TopicArn)).toEqual({ Tags: [{ Key: "Project", Value: "ServerlessLab" }] });
    const subscription = (await aws("sns", "get-subscription-attributes", "--subscription-arn", SubscriptionArn)).Attributes as Record<string, string>;
    expect(subscription).toMatchObject({ RawMessageDelivery: "true", FilterPolicyScope: "MessageAttributes" });

    const failure = await aws("sns", "get-topic-attributes", "--topic-arn", "arn:aws:sns:us-east-1:000000000000:missing").catch((error: { stderr: string }) => error);
    expect((failure as { stderr: string }).stderr).toContain("An error occurred (NotFound) when calling the GetTopicAttributes operation: Topic does not exist");

    await aws("sns", "unsubscribe", "--subscription-arn", SubscriptionArn);
    await aws("sns", "delete-topic", "--topic-arn", TopicArn);
    expect(((await aws("sns", "list-topics")) as { Topics: unknown[] }).Topics).toEqual([]);
  }, 120_000);
});
