import { CreateQueueCommand, ListQueueTagsCommand, TagQueueCommand, UntagQueueCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../../test/harness";
import { errorOf, useSqsTestBed } from "./helpers";

describe("queue tags", () => {
  const bed = useSqsTestBed();

  it("tags on creation, adds, overwrites and removes tags", async () => {
    const { QueueUrl } = await bed.sqs.send(
      new CreateQueueCommand({ QueueName: uniqueName("tagged"), tags: { Project: "ServerlessLab", Lab: "cafe-sqs" } }),
    );
    await bed.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { Student: "user3", Lab: "sns-fanout" } }));
    expect((await bed.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ Project: "ServerlessLab", Lab: "sns-fanout", Student: "user3" });
    await bed.sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ["Lab", "NotThere"] }));
    expect((await bed.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ Project: "ServerlessLab", Student: "user3" });
    await bed.sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ["Project", "Student"] }));
    expect((await bed.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toBeUndefined();
  });

  it("refuses more than 50 tags", async () => {
    const queue = await bed.createQueue("many-tags");
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    expect(await errorOf(bed.sqs.send(new TagQueueCommand({ QueueUrl: queue.url, Tags: tags })))).toMatchObject({ name: "InvalidParameterValue" });
  });
});
