import { CloudWatchLogsClient, GetLogRecordCommand, GetQueryResultsCommand, PutLogEventsCommand, StartQueryCommand, StopQueryCommand } from "@aws-sdk/client-cloudwatch-logs";
import { expect, it } from "vitest";
import { cloudForTests } from "../test/test-bed";
import { errorOf, groupWithStream } from "./test-support";

const bed = cloudForTests({ logs: CloudWatchLogsClient }, { clients: { maxAttempts: 1 } });
const MINUTE = 60_000;

async function orderLogs() {
  const { group, stream } = await groupWithStream(bed.logs, "2026/12/08/[$LATEST]0f1e2d");
  const base = Math.floor(bed.cloud.clock.now() / (5 * MINUTE)) * 5 * MINUTE - 10 * MINUTE;
  const lines: Array<[number, unknown]> = [
    [0, { level: "INFO", orderId: "o-1", amount: 12 }],
    [1 * MINUTE, { level: "ERROR", orderId: "o-2", amount: 30, error: { code: "CARD_DECLINED" } }],
    [6 * MINUTE, { level: "INFO", orderId: "o-3", amount: 8 }],
    [7 * MINUTE, "ERROR plain text failure"],
    [8 * MINUTE, { level: "ERROR", orderId: "o-4", amount: 5, error: { code: "TIMEOUT" } }],
  ];
  await bed.logs.send(
    new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: lines.map(([dt, m]) => ({ timestamp: base + dt, message: typeof m === "string" ? m : JSON.stringify(m) })) }),
  );
  return { group, base };
}

async function run(group: string, queryString: string) {
  const now = Math.ceil(bed.cloud.clock.now() / 1000);
  const { queryId } = await bed.logs.send(new StartQueryCommand({ logGroupName: group, startTime: now - 3600, endTime: now, queryString }));
  const out = await bed.logs.send(new GetQueryResultsCommand({ queryId }));
  expect(out.status).toBe("Complete");
  return { ...out, queryId, rows: (out.results ?? []).map((row) => Object.fromEntries(row.map((f) => [f.field, f.value]))) };
}

it("Logs Insights runs fields | filter like /regex/ | sort desc | limit, with @ptr and statistics", async () => {
  const { group, base } = await orderLogs();
  const out = await run(group, "fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 2");
  expect(out.rows.map((r) => r["@message"])).toEqual([expect.stringContaining("o-4"), "ERROR plain text failure"]);
  expect(out.rows[0]["@timestamp"]).toBe(new Date(base + 8 * MINUTE).toISOString().replace("T", " ").replace("Z", ""));
  expect(Object.keys(out.rows[0])).toEqual(["@timestamp", "@message", "@ptr"]);
  expect(out.statistics).toEqual({ recordsMatched: 3, recordsScanned: 5, bytesScanned: expect.any(Number) });
  const record = await bed.logs.send(new GetLogRecordCommand({ logRecordPointer: out.rows[0]["@ptr"] }));
  expect(record.logRecord?.["@message"]).toContain("o-4");
});

it("Logs Insights filters on JSON fields it discovers, nested ones by dotted name", async () => {
  const { group } = await orderLogs();
  const errors = await run(group, 'filter level = "ERROR" | fields orderId, error.code | sort orderId asc');
  expect(errors.rows.map((r) => [r.orderId, r["error.code"]])).toEqual([["o-2", "CARD_DECLINED"], ["o-4", "TIMEOUT"]]);
  const big = await run(group, "filter amount >= 10 and level != \"ERROR\" | fields orderId");
  expect(big.rows.map((r) => r.orderId)).toEqual(["o-1"]);
});

it("Logs Insights counts with stats count() by a field and by bin(5m)", async () => {
  const { group, base } = await orderLogs();
  const byLevel = await run(group, "stats count() as n by level | sort n desc");
  // The plain-text line has no level: it is counted in a group without one, as Insights does.
  expect(byLevel.rows).toEqual([{ level: "ERROR", n: "2" }, { level: "INFO", n: "2" }, { n: "1" }]);
  const byBin = await run(group, "filter @message like /ERROR/ | stats count(*) by bin(5m)");
  const bin = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");
  expect(byBin.rows).toEqual([
    { "bin(5m)": bin(base), "count(*)": "1" },
    { "bin(5m)": bin(base + 5 * MINUTE), "count(*)": "2" },
  ]);
  const sums = await run(group, "stats sum(amount) as total, avg(amount) as mean, max(amount) as top");
  expect(sums.rows).toEqual([{ total: "55", mean: "13.75", top: "30" }]);
});

it("Logs Insights refuses a query it cannot read, an unknown group and an unknown query id", async () => {
  const { group } = await orderLogs();
  const now = Math.ceil(bed.cloud.clock.now() / 1000);
  expect((await errorOf(bed.logs.send(new StartQueryCommand({ logGroupName: group, startTime: now - 60, endTime: now, queryString: "fields | | nonsense(" })))).name).toBe("MalformedQueryException");
  expect((await errorOf(bed.logs.send(new StartQueryCommand({ logGroupName: `${group}-gone`, startTime: now - 60, endTime: now, queryString: "fields @message" })))).name).toBe("ResourceNotFoundException");
  expect((await errorOf(bed.logs.send(new GetQueryResultsCommand({ queryId: "00000000-0000-0000-0000-000000000000" })))).name).toBe("ResourceNotFoundException");
  const { queryId } = await run(group, "fields @message | limit 1");
  expect((await bed.logs.send(new StopQueryCommand({ queryId }))).success).toBe(false);
});
