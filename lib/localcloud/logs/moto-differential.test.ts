/**
 * One CloudWatch Logs scenario over the control plane Logs and moto share, run against the local
 * cloud and against moto_server; what a client observes is compared. Left out on purpose (see
 * README.md): moto's tokens and event ids have other forms, it answers a duplicate stream with
 * the duplicate-group message, and it interleaves streams only when asked (`interleaved`, which
 * AWS has ignored since 2019: its results are always interleaved, as here).
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  ListTagsForResourceCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  TagResourceCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { expect, it } from "vitest";
import { testCredentials } from "../test/harness";
import { motoAvailable, motoForTests, motoSkipReason } from "../test/moto";
import { cloudForTests } from "../test/test-bed";

const bed = cloudForTests({});
const moto = motoForTests({ accountId: "000000000000" });

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "succeeded";
  } catch (error) {
    const e = error as { name: string; message: string };
    return `${e.name}: ${e.message}`;
  }
}

async function scenario(client: CloudWatchLogsClient, now: number) {
  const group = "/aws/lambda/differential";
  const seen: Record<string, unknown> = {};
  await client.send(new CreateLogGroupCommand({ logGroupName: group, tags: { lab: "diff" } }));
  await client.send(new CreateLogGroupCommand({ logGroupName: "/other/group" }));
  await client.send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 30 }));
  const groups = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/" }));
  seen.groups = groups.logGroups?.map((g) => [g.logGroupName, g.retentionInDays, g.arn, g.metricFilterCount]);
  await client.send(new TagResourceCommand({ resourceArn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}`, tags: { step: "2" } }));
  seen.tags = (await client.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}` }))).tags;
  for (const stream of ["b-stream", "a-stream"]) await client.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  await client.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: "a-stream", logEvents: [{ timestamp: now - 3000, message: "ERROR one" }, { timestamp: now - 1000, message: "INFO two" }] }));
  await client.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: "b-stream", logEvents: [{ timestamp: now - 2000, message: "ERROR three" }] }));
  seen.streams = (await client.send(new DescribeLogStreamsCommand({ logGroupName: group }))).logStreams?.map((s) => [s.logStreamName, s.firstEventTimestamp, s.lastEventTimestamp]);
  seen.byLastEvent = (await client.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: "LastEventTime", descending: true }))).logStreams?.map((s) => s.logStreamName);
  seen.head = (await client.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: "a-stream", startFromHead: true }))).events?.map((e) => [e.timestamp, e.message]);
  seen.errors = (await client.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: "ERROR", interleaved: true }))).events?.map((e) => [e.logStreamName, e.message]);
  seen.failures = {
    duplicateGroup: await failure(client.send(new CreateLogGroupCommand({ logGroupName: group }))),
    missingGroup: await failure(client.send(new DescribeLogStreamsCommand({ logGroupName: "/missing" }))),
    missingStream: await failure(client.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: "missing", logEvents: [{ timestamp: now, message: "x" }] }))),
    outOfOrder: await failure(client.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: "a-stream", logEvents: [{ timestamp: now, message: "x" }, { timestamp: now - 1, message: "y" }] }))),
    orderByWithPrefix: await failure(client.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: "LastEventTime", logStreamNamePrefix: "a" }))),
    limitTooHigh: await failure(client.send(new DescribeLogStreamsCommand({ logGroupName: group, limit: 51 }))),
  };
  await client.send(new DeleteLogGroupCommand({ logGroupName: group }));
  seen.afterDelete = await failure(client.send(new DeleteLogGroupCommand({ logGroupName: group })));
  return seen;
}

it(`CloudWatch Logs control plane matches moto_server${motoSkipReason}`, { skip: !motoAvailable, timeout: 60_000 }, async () => {
  const now = Date.now() - 60_000;
  const local = new CloudWatchLogsClient({ endpoint: bed.cloud.endpoint, region: "us-east-1", credentials: testCredentials, maxAttempts: 1 });
  const reference = new CloudWatchLogsClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: testCredentials, maxAttempts: 1 });
  try {
    const [ours, theirs] = [await scenario(local, now), await scenario(reference, now)];
    expect(ours).toEqual(theirs);
  } finally {
    local.destroy();
    reference.destroy();
  }
});
