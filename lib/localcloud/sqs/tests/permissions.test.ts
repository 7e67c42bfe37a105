import { AddPermissionCommand, GetQueueAttributesCommand, RemovePermissionCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { errorOf, useSqsTestBed } from "./helpers";

describe("AddPermission and RemovePermission", () => {
  const bed = useSqsTestBed();

  it("adds and removes labelled statements in the queue policy", async () => {
    const queue = await bed.createQueue("shared");
    await bed.sqs.send(new AddPermissionCommand({ QueueUrl: queue.url, Label: "AliceSend", AWSAccountIds: ["111122223333"], Actions: ["SendMessage"] }));
    const policy = async () =>
      (await bed.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ["Policy"] }))).Attributes?.Policy;
    expect(JSON.parse((await policy()) as string)).toMatchObject({
      Statement: [{ Sid: "AliceSend", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "SQS:SendMessage", Resource: queue.arn }],
    });
    expect(
      await errorOf(bed.sqs.send(new AddPermissionCommand({ QueueUrl: queue.url, Label: "AliceSend", AWSAccountIds: ["111122223333"], Actions: ["*"] }))),
    ).toMatchObject({ name: "InvalidParameterValue" });
    await bed.sqs.send(new RemovePermissionCommand({ QueueUrl: queue.url, Label: "AliceSend" }));
    expect(await policy()).toBeUndefined();
    expect(await errorOf(bed.sqs.send(new RemovePermissionCommand({ QueueUrl: queue.url, Label: "AliceSend" })))).toMatchObject({
      name: "InvalidParameterValue",
    });
  });
});
