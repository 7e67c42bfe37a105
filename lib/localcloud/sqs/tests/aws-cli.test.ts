import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { awsCliAvailable, awsCliSkipReason, runAwsCli } from "../../test/aws-cli";
import { useSqsTestBed } from "./helpers";

describe("Debian's AWS CLI (query protocol)", () => {
  const bed = useSqsTestBed();

  const aws = (...args: string[]) => runAwsCli(bed.cloud.endpoint, ["sqs", ...args]);

  it.skipIf(!awsCliAvailable)(`runs a queue's whole life${awsCliSkipReason}`, async () => {
    const created = await aws("create-queue", "--queue-name", "cli-orders", "--attributes", "VisibilityTimeout=45,DelaySeconds=0", "--tags", "Project=ServerlessLab");
    const url = created.QueueUrl as string;
    expect(url).toBe(`${bed.cloud.endpoint}/000000000000/cli-orders`);
    const sent = await aws(
      "send-message",
      "--queue-url", url,
      "--message-body", '{"item":"latte","quantity":2}',
      "--message-attributes", '{"Priority":{"DataType":"Number","StringValue":"1"},"blob":{"DataType":"Binary","BinaryValue":"AAEC"}}',
    );
    expect(sent.MD5OfMessageBody).toBe(createHash("md5").update('{"item":"latte","quantity":2}').digest("hex"));
    const received = await aws("receive-message", "--queue-url", url, "--attribute-names", "All", "--message-attribute-names", "All");
    const [message] = received.Messages as Array<Record<string, unknown>>;
    expect(message).toMatchObject({
      MessageId: sent.MessageId,
      Body: '{"item":"latte","quantity":2}',
      MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
      Attributes: { ApproximateReceiveCount: "1", SenderId: "000000000000" },
      MessageAttributes: { Priority: { DataType: "Number", StringValue: "1" }, blob: { DataType: "Binary", BinaryValue: "AAEC" } },
    });
    await aws("change-message-visibility", "--queue-url", url, "--receipt-handle", message.ReceiptHandle as string, "--visibility-timeout", "0");
    const attributes = await aws("get-queue-attributes", "--queue-url", url, "--attribute-names", "All");
    expect(attributes.Attributes).toMatchObject({ VisibilityTimeout: "45", ApproximateNumberOfMessages: "1", QueueArn: "arn:aws:sqs:us-east-1:000000000000:cli-orders" });
    const again = await aws("receive-message", "--queue-url", url);
    await aws("delete-message", "--queue-url", url, "--receipt-handle", (again.Messages as Array<{ ReceiptHandle: string }>)[0].ReceiptHandle);

    const batch = await aws("send-message-batch", "--queue-url", url, "--entries", "Id=a,MessageBody=one", "Id=b,MessageBody=two,DelaySeconds=1000");
    expect((batch.Successful as Array<{ Id: string }>).map((s) => s.Id)).toEqual(["a"]);
    expect(batch.Failed).toEqual([expect.objectContaining({ Id: "b", Code: "InvalidParameterValue", SenderFault: true })]);
    expect(await aws("list-queue-tags", "--queue-url", url)).toEqual({ Tags: { Project: "ServerlessLab" } });
    expect((await aws("list-queues", "--queue-name-prefix", "cli-")).QueueUrls).toEqual([url]);
    await aws("purge-queue", "--queue-url", url);
    expect(await bed.counts(url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });

    const failure = await aws("get-queue-url", "--queue-name", "cli-missing").catch((error: { stderr: string }) => error);
    expect((failure as { stderr: string }).stderr).toContain("AWS.SimpleQueueService.NonExistentQueue");
    await aws("delete-queue", "--queue-url", url);
  }, 120_000);
});
