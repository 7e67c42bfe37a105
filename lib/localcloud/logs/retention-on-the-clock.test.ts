import {
  CloudWatchLogsClient,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { expect, it } from "vitest";
import { cloudForTests } from "../test/test-bed";
import { errorOf, groupWithStream } from "./test-support";

const bed = cloudForTests({ logs: CloudWatchLogsClient }, { clients: { maxAttempts: 1 } });
const DAY = 24 * 3_600_000;

it("events past the retention period disappear as the local cloud's clock moves on", async () => {
  const { group, stream } = await groupWithStream(bed.logs);
  await bed.logs.send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 3 }));
  expect((await bed.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.[0].retentionInDays).toBe(3);
  const now = bed.cloud.clock.now();
  await bed.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [{ timestamp: now - 2 * DAY, message: "older" }] }));
  await bed.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [{ timestamp: now, message: "newer" }] }));
  const read = async () => (await bed.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true }))).events?.map((e) => e.message);
  expect(await read()).toEqual(["older", "newer"]);
  bed.cloud.clock.advance(1.5 * DAY);
  expect(await read()).toEqual(["newer"]);
  expect((await bed.logs.send(new FilterLogEventsCommand({ logGroupName: group }))).events?.map((e) => e.message)).toEqual(["newer"]);
  bed.cloud.clock.advance(2 * DAY);
  expect(await read()).toEqual([]);
  expect((await bed.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.[0].storedBytes).toBe(0);
});

it("DeleteRetentionPolicy keeps events for ever again, and only AWS's retention values are accepted", async () => {
  const { group } = await groupWithStream(bed.logs);
  await bed.logs.send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 7 }));
  await bed.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: group }));
  expect((await bed.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.[0]).not.toHaveProperty("retentionInDays");
  expect(await errorOf(bed.logs.send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 2 })))).toEqual({
    name: "InvalidParameterException",
    message:
      "1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
    status: 400,
  });
});
