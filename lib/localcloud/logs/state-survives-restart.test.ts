import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  ListTagsLogGroupCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, expect, it } from "vitest";
import { clientConfig, startTestCloud } from "../test/harness";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "logs-restart-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it("log groups, retention, tags, streams and their events survive a restart, one state record per stream", async () => {
  const group = "/aws/lambda/place-order";
  const lambdaStream = "2026/12/08/[$LATEST]0123456789abcdef";
  const first = await startTestCloud({ dataDir, flushIntervalMs: 10 });
  const before = new CloudWatchLogsClient(clientConfig(first));
  const now = first.clock.now();
  await before.send(new CreateLogGroupCommand({ logGroupName: group, tags: { lab: "cafe" } }));
  await before.send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 14 }));
  await before.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: lambdaStream }));
  await before.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: lambdaStream, logEvents: [{ timestamp: now - 1000, message: "first" }, { timestamp: now, message: '{"level":"ERROR"}' }] }));
  first.links.logs?.put("us-east-1", group, "other", [{ timestamp: now, message: "from the link" }]);
  before.destroy();
  await first.store.durable();
  const streamRecords = first.store.keysUnder("logs/").filter((key) => key.includes("/streams/"));
  await first.close();
  expect(streamRecords).toHaveLength(2);

  const second = await startTestCloud({ dataDir });
  const after = new CloudWatchLogsClient(clientConfig(second));
  try {
    const described = (await after.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.[0];
    expect(described).toMatchObject({ logGroupName: group, retentionInDays: 14 });
    expect((await after.send(new ListTagsLogGroupCommand({ logGroupName: group }))).tags).toEqual({ lab: "cafe" });
    const events = await after.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: lambdaStream, startFromHead: true }));
    expect(events.events?.map((e) => [e.timestamp, e.message])).toEqual([[now - 1000, "first"], [now, '{"level":"ERROR"}']]);
    await after.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: lambdaStream, logEvents: [{ timestamp: now + 1, message: "after restart" }] }));
    const all = await after.send(new FilterLogEventsCommand({ logGroupName: group }));
    expect(all.events?.map((e) => e.message)).toEqual(["first", '{"level":"ERROR"}', "from the link", "after restart"]);
    expect(new Set(all.events?.map((e) => e.eventId)).size).toBe(4);
  } finally {
    after.destroy();
    await second.close();
  }
});
