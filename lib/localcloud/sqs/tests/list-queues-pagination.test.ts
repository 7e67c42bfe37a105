import { ListQueuesCommand, paginateListQueues } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { errorOf, useSqsTestBed } from "./helpers";

describe("ListQueues", () => {
  const bed = useSqsTestBed();

  it("filters by prefix and pages with MaxResults and NextToken", async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await bed.createQueue(`page-me-${i}`)).url);
    await bed.createQueue("other-prefix");
    const all = await bed.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "page-me-" }));
    expect(all.QueueUrls?.sort()).toEqual([...created].sort());
    expect(all.NextToken).toBeUndefined();

    const first = await bed.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "page-me-", MaxResults: 3 }));
    expect(first.QueueUrls).toHaveLength(3);
    expect(first.NextToken).toBeTruthy();
    const pages: string[] = [];
    for await (const page of paginateListQueues({ client: bed.sqs, pageSize: 3 }, { QueueNamePrefix: "page-me-" })) {
      pages.push(...(page.QueueUrls ?? []));
    }
    expect(pages.sort()).toEqual([...created].sort());
  });

  it("returns no QueueUrls when nothing matches and refuses a bad MaxResults or token", async () => {
    expect((await bed.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "nothing-like-this" }))).QueueUrls).toBeUndefined();
    expect(await errorOf(bed.sqs.send(new ListQueuesCommand({ MaxResults: 1001 })))).toMatchObject({ name: "InvalidParameterValue" });
    expect(await errorOf(bed.sqs.send(new ListQueuesCommand({ MaxResults: 5, NextToken: "nonsense" })))).toMatchObject({ name: "InvalidParameterValue" });
  });
});
