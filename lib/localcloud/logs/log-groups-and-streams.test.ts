import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutLogEventsCommand,
  TagLogGroupCommand,
  TagResourceCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
  paginateDescribeLogGroups,
} from "@aws-sdk/client-cloudwatch-logs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { errorOf } from "./test-support";

const bed = cloudForTests({ logs: CloudWatchLogsClient }, { clients: { maxAttempts: 1 } });

describe("log groups", () => {
  it("are created with tags, described with AWS's fields, and refused twice", async () => {
    const name = `/aws/lambda/${uniqueName("orders")}`;
    await bed.logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: { team: "cafe" } }));
    const { logGroups } = await bed.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    expect(logGroups).toEqual([
      {
        logGroupName: name,
        creationTime: expect.any(Number),
        metricFilterCount: 0,
        arn: `arn:aws:logs:us-east-1:000000000000:log-group:${name}:*`,
        logGroupArn: `arn:aws:logs:us-east-1:000000000000:log-group:${name}`,
        storedBytes: 0,
        logGroupClass: "STANDARD",
      },
    ]);
    expect(await errorOf(bed.logs.send(new CreateLogGroupCommand({ logGroupName: name })))).toEqual({
      name: "ResourceAlreadyExistsException",
      message: "The specified log group already exists",
      status: 400,
    });
  });

  it("are listed by prefix or by case-sensitive pattern, never both, and paged in name order", async () => {
    const base = uniqueName("paging");
    for (const suffix of ["c", "a", "b", "Big"]) await bed.logs.send(new CreateLogGroupCommand({ logGroupName: `/${base}/${suffix}` }));
    const names: string[] = [];
    for await (const page of paginateDescribeLogGroups({ client: bed.logs, pageSize: 2 }, { logGroupNamePrefix: `/${base}/` })) {
      expect((page.logGroups ?? []).length).toBeLessThanOrEqual(2);
      names.push(...(page.logGroups ?? []).map((g) => g.logGroupName as string));
    }
    expect(names).toEqual([`/${base}/Big`, `/${base}/a`, `/${base}/b`, `/${base}/c`]);
    const byPattern = await bed.logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: `${base}/B` }));
    expect(byPattern.logGroups).toEqual([{ logGroupName: `/${base}/Big`, creationTime: expect.any(Number), arn: expect.stringMatching(/:\*$/) }]);
    const both = await errorOf(bed.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/x", logGroupNamePattern: "x" })));
    expect(both.name).toBe("InvalidParameterException");
  });

  it("refuse names AWS refuses, in AWS's validation wording", async () => {
    expect(await errorOf(bed.logs.send(new CreateLogGroupCommand({ logGroupName: "bad name!" })))).toEqual({
      name: "InvalidParameterException",
      message: "1 validation error detected: Value 'bad name!' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
      status: 400,
    });
    expect(await errorOf(bed.logs.send(new DeleteLogGroupCommand({ logGroupName: uniqueName("missing") })))).toEqual({
      name: "ResourceNotFoundException",
      message: "The specified log group does not exist.",
      status: 400,
    });
  });

  it("carry tags through TagResource / ListTagsForResource and the older TagLogGroup / ListTagsLogGroup", async () => {
    const name = uniqueName("tagged");
    await bed.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    const arn = `arn:aws:logs:us-east-1:000000000000:log-group:${name}`;
    await bed.logs.send(new TagResourceCommand({ resourceArn: arn, tags: { env: "lab", owner: "ana" } }));
    await bed.logs.send(new TagLogGroupCommand({ logGroupName: name, tags: { step: "3" } }));
    await bed.logs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["owner"] }));
    expect((await bed.logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ env: "lab", step: "3" });
    await bed.logs.send(new UntagLogGroupCommand({ logGroupName: name, tags: ["env"] }));
    expect((await bed.logs.send(new ListTagsLogGroupCommand({ logGroupName: name }))).tags).toEqual({ step: "3" });
    const unknown = await errorOf(bed.logs.send(new ListTagsForResourceCommand({ resourceArn: `${arn}-gone` })));
    expect(unknown.name).toBe("ResourceNotFoundException");
  });

  it("go with their streams when deleted", async () => {
    const name = uniqueName("deleted");
    await bed.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    await bed.logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: "s" }));
    await bed.logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
    await bed.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    expect((await bed.logs.send(new DescribeLogStreamsCommand({ logGroupName: name }))).logStreams).toEqual([]);
  });
});

describe("log streams", () => {
  it("are ordered by name or by last event time, descending, and paged", async () => {
    const group = uniqueName("streams");
    await bed.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const now = bed.cloud.clock.now();
    for (const [stream, offset] of [["b", 3], ["a", 1], ["c", 2]] as const) {
      await bed.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
      await bed.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [{ timestamp: now - 10_000 + offset * 1000, message: `hello ${stream}` }] }));
    }
    const byName = await bed.logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
    expect(byName.logStreams?.map((s) => s.logStreamName)).toEqual(["a", "b", "c"]);
    expect(byName.logStreams?.[0]).toMatchObject({
      firstEventTimestamp: now - 9_000,
      lastEventTimestamp: now - 9_000,
      lastIngestionTime: expect.any(Number),
      arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:log-stream:a`,
      storedBytes: 0,
    });
    const first = await bed.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: "LastEventTime", descending: true, limit: 2 }));
    expect(first.logStreams?.map((s) => s.logStreamName)).toEqual(["b", "c"]);
    const second = await bed.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: "LastEventTime", descending: true, limit: 2, nextToken: first.nextToken }));
    expect(second.logStreams?.map((s) => s.logStreamName)).toEqual(["a"]);
    expect(second.nextToken).toBeUndefined();
    expect(await errorOf(bed.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: "LastEventTime", logStreamNamePrefix: "a" })))).toEqual({
      name: "InvalidParameterException",
      message: "Cannot order by LastEventTime with a logStreamNamePrefix.",
      status: 400,
    });
    expect((await errorOf(bed.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, limit: 51 })))).message).toBe(
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
  });

  it("are refused twice, need their group, and can be deleted", async () => {
    const group = uniqueName("stream-errors");
    expect(await errorOf(bed.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: "s" })))).toMatchObject({ name: "ResourceNotFoundException", message: "The specified log group does not exist." });
    await bed.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await bed.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: "2026/12/08/[$LATEST]abc" }));
    expect(await errorOf(bed.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: "2026/12/08/[$LATEST]abc" })))).toMatchObject({
      name: "ResourceAlreadyExistsException",
      message: "The specified log stream already exists",
    });
    expect((await errorOf(bed.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: "a:b" })))).name).toBe("InvalidParameterException");
    await bed.logs.send(new DeleteLogStreamCommand({ logGroupName: group, logStreamName: "2026/12/08/[$LATEST]abc" }));
    expect(await errorOf(bed.logs.send(new DeleteLogStreamCommand({ logGroupName: group, logStreamName: "2026/12/08/[$LATEST]abc" })))).toMatchObject({
      name: "ResourceNotFoundException",
      message: "The specified log stream does not exist.",
    });
  });
});
