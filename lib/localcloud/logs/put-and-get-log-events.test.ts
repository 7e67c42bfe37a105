import { CloudWatchLogsClient, GetLogEventsCommand, PutLogEventsCommand, PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { describe, expect, it } from "vitest";
import { cloudForTests } from "../test/test-bed";
import { errorOf, groupWithStream } from "./test-support";

const bed = cloudForTests({ logs: CloudWatchLogsClient }, { clients: { maxAttempts: 1 } });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("PutLogEvents", () => {
  it("stores a batch and reports the too-new, too-old and expired events it rejects, keeping the rest", async () => {
    const { group, stream } = await groupWithStream(bed.logs);
    await bed.logs.send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 1 }));
    const now = bed.cloud.clock.now();
    const put = (logEvents: Array<{ timestamp: number; message: string }>) => bed.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents }));
    const first = await put([
      { timestamp: now - 30 * HOUR, message: "past retention" },
      { timestamp: now - 10 * HOUR, message: "kept 1" },
    ]);
    expect(first.rejectedLogEventsInfo).toEqual({ expiredLogEventEndIndex: 1 });
    expect(first.nextSequenceToken).toMatch(/^\d{56}$/);
    const second = await put([
      { timestamp: now, message: "kept 2" },
      { timestamp: now + 3 * HOUR, message: "too new" },
    ]);
    expect(second.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
    const got = await bed.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true }));
    expect(got.events?.map((e) => e.message)).toEqual(["kept 1", "kept 2"]);
    expect(got.events?.[0]).toEqual({ timestamp: now - 10 * HOUR, message: "kept 1", ingestionTime: expect.any(Number) });

    const { group: keepsAll, stream: other } = await groupWithStream(bed.logs);
    const old = await bed.logs.send(
      new PutLogEventsCommand({ logGroupName: keepsAll, logStreamName: other, logEvents: [{ timestamp: now - 15 * DAY + 2 * HOUR, message: "x" }, { timestamp: now - 15 * DAY + 3 * HOUR, message: "y" }, { timestamp: now - 14 * DAY + HOUR, message: "z" }] }),
    );
    expect(old.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 2 });
  });

  it("refuses, whole, a batch out of order, over 10,000 events, over 1 MB or spanning more than 24 hours", async () => {
    const { group, stream } = await groupWithStream(bed.logs);
    const now = bed.cloud.clock.now();
    const put = (logEvents: Array<{ timestamp: number; message: string }>) => errorOf(bed.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents })));
    expect(await put([{ timestamp: now, message: "b" }, { timestamp: now - 1, message: "a" }])).toEqual({
      name: "InvalidParameterException",
      message: "Log events in a single PutLogEvents request must be in chronological order.",
      status: 400,
    });
    expect((await put(Array.from({ length: 10_001 }, () => ({ timestamp: now, message: "m" })))).message).toBe(
      "1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000",
    );
    expect((await put([{ timestamp: now, message: "x".repeat(600_000) }, { timestamp: now, message: "y".repeat(600_000) }])).message).toBe(
      "Upload too large: 1200052 bytes exceeds limit of 1048576",
    );
    expect((await put([{ timestamp: now - 25 * HOUR, message: "a" }, { timestamp: now, message: "b" }])).message).toBe(
      "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.",
    );
    expect((await put([{ timestamp: now, message: "" }])).message).toBe(
      "1 validation error detected: Value '' at 'logEvents.1.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(await errorOf(bed.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: "missing", logEvents: [{ timestamp: now, message: "a" }] })))).toMatchObject({
      name: "ResourceNotFoundException",
      message: "The specified log stream does not exist.",
    });
    const got = await bed.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream }));
    expect(got.events).toEqual([]);
  });
});

describe("GetLogEvents", () => {
  async function streamOfTen() {
    const { group, stream } = await groupWithStream(bed.logs);
    const now = bed.cloud.clock.now();
    // Two batches, the second older than the first: the stream still reads in timestamp order.
    await bed.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [5, 6, 7, 8, 9].map((i) => ({ timestamp: now - 10_000 + i * 1000, message: `event ${i}` })) }));
    await bed.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [0, 1, 2, 3, 4].map((i) => ({ timestamp: now - 10_000 + i * 1000, message: `event ${i}` })) }));
    return { group, stream, now };
  }

  it("reads the newest events by default and pages backward and forward with AWS-shaped tokens", async () => {
    const { group, stream } = await streamOfTen();
    const read = (input: { nextToken?: string; startFromHead?: boolean }) => bed.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, limit: 4, ...input }));
    const newest = await read({});
    expect(newest.events?.map((e) => e.message)).toEqual(["event 6", "event 7", "event 8", "event 9"]);
    expect(newest.nextForwardToken).toMatch(/^f\/\d{56}$/);
    expect(newest.nextBackwardToken).toMatch(/^b\/\d{56}$/);
    const older = await read({ nextToken: newest.nextBackwardToken });
    expect(older.events?.map((e) => e.message)).toEqual(["event 2", "event 3", "event 4", "event 5"]);
    const oldest = await read({ nextToken: older.nextBackwardToken });
    expect(oldest.events?.map((e) => e.message)).toEqual(["event 0", "event 1"]);
    const beyond = await read({ nextToken: oldest.nextBackwardToken });
    expect(beyond.events).toEqual([]);
    expect(beyond.nextBackwardToken).toBe(oldest.nextBackwardToken);

    const head = await read({ startFromHead: true });
    expect(head.events?.map((e) => e.message)).toEqual(["event 0", "event 1", "event 2", "event 3"]);
    const next = await read({ startFromHead: true, nextToken: head.nextForwardToken });
    expect(next.events?.map((e) => e.message)).toEqual(["event 4", "event 5", "event 6", "event 7"]);
  });

  it("returns the same forward token at the end of the stream, and the new events from it once they arrive", async () => {
    const { group, stream, now } = await streamOfTen();
    const all = await bed.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true }));
    expect(all.events).toHaveLength(10);
    const end = await bed.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: all.nextForwardToken }));
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(all.nextForwardToken);
    await bed.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [{ timestamp: now, message: "late" }] }));
    const after = await bed.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: end.nextForwardToken }));
    expect(after.events?.map((e) => e.message)).toEqual(["late"]);
  });

  it("keeps to startTime (inclusive) and endTime (exclusive), and refuses a token it never gave", async () => {
    const { group, stream, now } = await streamOfTen();
    const window = await bed.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startTime: now - 8_000, endTime: now - 5_000, startFromHead: true }));
    expect(window.events?.map((e) => e.message)).toEqual(["event 2", "event 3", "event 4"]);
    expect(await errorOf(bed.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, nextToken: "nope" })))).toMatchObject({
      name: "InvalidParameterException",
      message: "The specified nextToken is invalid.",
    });
  });
});
