import { CloudWatchLogsClient, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { expect, it } from "vitest";
import { cloudForTests } from "../test/test-bed";
import { groupWithStream } from "./test-support";

const bed = cloudForTests({ logs: CloudWatchLogsClient });

it("/_localcloud/logs lists groups with their streams and shows a group's events, changing nothing", async () => {
  const { group, stream } = await groupWithStream(bed.logs);
  const now = bed.cloud.clock.now();
  await bed.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [{ timestamp: now - 1, message: "one" }, { timestamp: now, message: "two" }] }));
  const groups = (await (await fetch(`${bed.cloud.endpoint}/_localcloud/logs/groups?region=us-east-1`)).json()) as { groups: Array<{ name: string; streams: unknown }> };
  expect(groups.groups.find((g) => g.name === group)?.streams).toEqual([{ name: stream, events: 2 }]);
  const url = `${bed.cloud.endpoint}/_localcloud/logs/events?region=us-east-1&group=${encodeURIComponent(group)}`;
  const events = (await (await fetch(url)).json()) as { total: number; events: Array<{ stream: string; message: string }> };
  expect(events.total).toBe(2);
  expect(events.events.map((e) => [e.stream, e.message])).toEqual([[stream, "one"], [stream, "two"]]);
  expect((await fetch(`${bed.cloud.endpoint}/_localcloud/logs/events?group=missing`)).status).toBe(404);
});
