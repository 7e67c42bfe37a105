import { CloudWatchLogsClient, CreateLogStreamCommand, FilterLogEventsCommand, PutLogEventsCommand, paginateFilterLogEvents } from "@aws-sdk/client-cloudwatch-logs";
import { expect, it } from "vitest";
import { cloudForTests } from "../test/test-bed";
import { errorOf, groupWithStream } from "./test-support";

const bed = cloudForTests({ logs: CloudWatchLogsClient }, { clients: { maxAttempts: 1 } });

async function twoStreams() {
  const { group } = await groupWithStream(bed.logs, "api/1");
  await bed.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: "api/2" }));
  await bed.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: "worker" }));
  const t = bed.cloud.clock.now() - 60_000;
  const put = (stream: string, events: Array<[number, unknown]>) =>
    bed.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: events.map(([dt, m]) => ({ timestamp: t + dt, message: typeof m === "string" ? m : JSON.stringify(m) })) }));
  await put("api/1", [[0, { level: "INFO", msg: "order placed", count: 1 }], [2000, { level: "ERROR", msg: "payment failed", count: 7 }]]);
  await put("api/2", [[1000, { level: "ERROR", msg: "timeout", count: 2 }], [3000, "plain text ERROR line"]]);
  await put("worker", [[1500, "START RequestId: abc"], [2500, "END RequestId: abc"]]);
  return { group, t };
}

it("FilterLogEvents interleaves every stream by time and returns AWS's event fields", async () => {
  const { group, t } = await twoStreams();
  const out = await bed.logs.send(new FilterLogEventsCommand({ logGroupName: group }));
  expect(out.events?.map((e) => [e.logStreamName, e.timestamp])).toEqual([
    ["api/1", t],
    ["api/2", t + 1000],
    ["worker", t + 1500],
    ["api/1", t + 2000],
    ["worker", t + 2500],
    ["api/2", t + 3000],
  ]);
  expect(out.events?.[0]).toEqual({ logStreamName: "api/1", timestamp: t, message: expect.stringContaining("order placed"), ingestionTime: expect.any(Number), eventId: expect.stringMatching(/^\d{56}$/) });
  expect(out.searchedLogStreams).toEqual([]);
  expect(out.nextToken).toBeUndefined();
});

it("FilterLogEvents applies term and JSON filter patterns", async () => {
  const { group } = await twoStreams();
  const messages = async (filterPattern: string) => (await bed.logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern }))).events?.map((e) => e.message);
  expect(await messages("ERROR")).toEqual([expect.stringContaining("timeout"), expect.stringContaining("payment failed"), "plain text ERROR line"]);
  expect(await messages('{ $.level = "ERROR" }')).toEqual([expect.stringContaining("timeout"), expect.stringContaining("payment failed")]);
  expect(await messages("{ $.count > 5 }")).toEqual([expect.stringContaining("payment failed")]);
  expect(await messages('?START ?"order placed"')).toEqual([expect.stringContaining("order placed"), "START RequestId: abc"]);
  expect(await messages("RequestId -END")).toEqual(["START RequestId: abc"]);
  expect(await errorOf(bed.logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: "{ $.level = 1" })))).toMatchObject({
    name: "InvalidParameterException",
    message: "If a filter pattern starts with '{' it must end with '}'",
  });
});

it("FilterLogEvents narrows by stream names or prefix (not both) and by start and end time, inclusive", async () => {
  const { group, t } = await twoStreams();
  const streams = async (input: { logStreamNames?: string[]; logStreamNamePrefix?: string; startTime?: number; endTime?: number }) =>
    (await bed.logs.send(new FilterLogEventsCommand({ logGroupName: group, ...input }))).events?.map((e) => `${e.logStreamName}@${(e.timestamp as number) - t}`);
  expect(await streams({ logStreamNames: ["worker"] })).toEqual(["worker@1500", "worker@2500"]);
  expect(await streams({ logStreamNamePrefix: "api/" })).toEqual(["api/1@0", "api/2@1000", "api/1@2000", "api/2@3000"]);
  expect(await streams({ startTime: t + 1000, endTime: t + 2000 })).toEqual(["api/2@1000", "worker@1500", "api/1@2000"]);
  expect((await errorOf(bed.logs.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNames: ["worker"], logStreamNamePrefix: "api" })))).name).toBe("InvalidParameterException");
  expect(await errorOf(bed.logs.send(new FilterLogEventsCommand({ logGroupName: `${group}-missing` })))).toMatchObject({ name: "ResourceNotFoundException", message: "The specified log group does not exist." });
});

it("FilterLogEvents pages with nextToken, every event once, in order", async () => {
  const { group } = await twoStreams();
  const pages: string[][] = [];
  for await (const page of paginateFilterLogEvents({ client: bed.logs, pageSize: 4 }, { logGroupName: group, limit: 4 })) {
    pages.push((page.events ?? []).map((e) => e.eventId as string));
  }
  expect(pages.map((p) => p.length)).toEqual([4, 2]);
  const ids = pages.flat();
  expect(new Set(ids).size).toBe(6);
  expect([...ids].sort()).toEqual(ids);
});
