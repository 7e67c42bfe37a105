/**
 * The lab's acceptance run: 200 sends over 5 groups, 20% of them duplicates of both kinds (the
 * same deduplication id again, which SQS drops; the same message_id under a new deduplication id,
 * which SQS delivers and the consumer must skip), and crashes between save and delete on the
 * first delivery of some messages. The consumer runs under the workbook's runtime as the lab runs
 * it (batch size 1, partial batch responses), on the local cloud's clock.
 *
 * Then: every message_id is saved exactly once, each group was saved in the order it was sent,
 * and the CloudWatch counters add up with the table and the queue.
 */
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, expect, it } from "vitest";
import { compareCounts } from "./metric-agreement";
import { queueCounts } from "./live";
import { sendPlanned } from "./steps/producer";
import type { PlannedSend } from "./producer-messages";
import { consumerRun, metricSums, provisioned, tableItems, TEST_NAMESPACE, type ConsumerRun, type LabFixture } from "./test-support";

const GROUPS = ["order-a", "order-b", "order-c", "order-d", "order-e"];
const SENDS = 200;

let fixture: LabFixture;
let run: ConsumerRun;
let crashing = new Set<string>();

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

interface Plan {
  sends: PlannedSend[];
  unique: Map<string, { group: string; seq: number }>;
  sameDedup: number;
  newDedup: number;
  crashOnFirstDelivery: Set<string>;
}

/** 160 order events (32 per group) plus 20 resends with the same deduplication id and 20 with a new one. */
function plan(): Plan {
  const next = random(20261122);
  const unique = new Map<string, { group: string; seq: number }>();
  const sends: PlannedSend[] = [];
  const perGroup = new Map(GROUPS.map((g) => [g, 0]));
  const crashOnFirstDelivery = new Set<string>();
  let sameDedup = 0;
  let newDedup = 0;
  while (sends.length < SENDS) {
    const group = GROUPS[Math.floor(next() * GROUPS.length)];
    const sentInGroup = sends.filter((s) => s.group === group && s.messageId);
    const roll = next();
    const earlier = sentInGroup.length ? sentInGroup[Math.floor(next() * sentInGroup.length)] : undefined;
    if (earlier && roll < 0.1 && sameDedup < 20) {
      sends.push({ ...earlier, note: "same deduplication id" });
      sameDedup += 1;
    } else if (earlier && roll < 0.2 && newDedup < 20) {
      sends.push({ ...earlier, deduplicationId: `${earlier.messageId}-again-${newDedup}`, note: "new deduplication id" });
      newDedup += 1;
    } else if (unique.size < SENDS - 40) {
      const seq = (perGroup.get(group) ?? 0) + 1;
      perGroup.set(group, seq);
      const messageId = `${group}-${String(seq).padStart(3, "0")}`;
      unique.set(messageId, { group, seq });
      sends.push({ group, body: JSON.stringify({ message_id: messageId, order_id: group, event: "step", seq }), deduplicationId: messageId, messageId, note: "new" });
      if (next() < 0.1) crashOnFirstDelivery.add(messageId);
    }
  }
  return { sends, unique, sameDedup, newDedup, crashOnFirstDelivery };
}

beforeAll(async () => {
  fixture = await provisioned("accept");
  run = await consumerRun(fixture, (record, message) => crashing.has(message.message_id) && record.attributes.ApproximateReceiveCount === "1");
});

afterAll(async () => {
  await run?.close();
  await fixture?.cloud.close();
});

it("saves every message_id exactly once, in order per group, and the counters add up", { timeout: 120_000 }, async () => {
  const { sends, unique, sameDedup, newDedup, crashOnFirstDelivery } = plan();
  crashing = crashOnFirstDelivery;
  expect(sends).toHaveLength(SENDS);
  expect([sameDedup, newDedup]).toEqual([20, 20]);
  expect(unique.size).toBe(160);
  expect(crashOnFirstDelivery.size).toBeGreaterThanOrEqual(8);

  const { context, cloud } = fixture;
  const sent = await sendPlanned(context, sends);
  // SQS kept one message per deduplication id: 180 distinct messages for 200 sends.
  expect(new Set(sent.map((s) => s.sqsMessageId)).size).toBe(SENDS - sameDedup);

  await run.start();
  await run.drain();

  expect(await queueCounts(context, context.names.ordersQueue)).toEqual({ exists: true, visible: 0, inFlight: 0 });
  expect(await queueCounts(context, context.names.ordersDlq)).toEqual({ exists: true, visible: 0, inFlight: 0 });

  // Exactly once: one item per message_id, and one successful save per message_id in the log.
  const items = await tableItems(context);
  expect(items.map((i) => i.message_id.S).sort()).toEqual([...unique.keys()].sort());
  const saves = run.lines.filter((l) => l.action === "dynamodb_save" && l.status === "success");
  expect(saves).toHaveLength(unique.size);
  expect(new Set(saves.map((l) => l.trace_id)).size).toBe(unique.size);

  // Every crash came back and was skipped as a redelivery; every new-deduplication-id copy was skipped as a duplicate send.
  const crashes = run.lines.filter((l) => l.action === "consumer_crash");
  expect(crashes.map((l) => l.trace_id).sort()).toEqual([...crashOnFirstDelivery].sort());
  const skipped = { duplicates: 0, redeliveries: 0 };
  for (const item of items) {
    skipped.duplicates += Number(item.skipped_duplicates?.N ?? 0);
    skipped.redeliveries += Number(item.skipped_redeliveries?.N ?? 0);
  }
  expect(skipped).toEqual({ duplicates: newDedup, redeliveries: crashOnFirstDelivery.size });

  // Order per group: the producer's numbering, in the order the consumer saved.
  for (const group of GROUPS) {
    const order = saves.filter((l) => l.details.group === group).map((l) => unique.get(l.trace_id)?.seq);
    expect(order.length).toBeGreaterThan(0);
    expect(order).toEqual([...order].sort((a, b) => (a ?? 0) - (b ?? 0)));
  }

  // The counters in CloudWatch, against the table and the queues.
  const sums = await metricSums(fixture, ["MessagesSaved", "DuplicateMessages", "InvalidMessages", "MessagesDeleted", "DynamoDBSaveError", "SQSDeleteError", "SQSGetURLError"], {
    namespace: TEST_NAMESPACE,
  });
  expect(sums).toEqual({
    MessagesSaved: 160,
    DuplicateMessages: newDedup + crashOnFirstDelivery.size,
    InvalidMessages: 0,
    MessagesDeleted: 160 + newDedup,
    DynamoDBSaveError: 0,
    SQSDeleteError: 0,
    SQSGetURLError: 0,
  });
  const agreement = compareCounts({
    metrics: sums,
    table: { items: items.length, skippedDuplicates: skipped.duplicates, skippedRedeliveries: skipped.redeliveries },
    queue: { visible: 0, inFlight: 0 },
    dlq: { visible: 0, inFlight: 0 },
  });
  expect(agreement).toMatchObject({ quiet: true, agrees: true, notDeleted: crashOnFirstDelivery.size });

  // The runtime's own function metrics count each crash as a failed invocation.
  await run.registry.flushMetrics();
  const now = cloud.clock.now();
  const { MetricDataResults = [] } = await context.aws.cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(now - 3 * 3600_000),
      EndTime: new Date(now + 60_000),
      MetricDataQueries: [
        { Id: "errors", MetricStat: { Metric: { Namespace: "MessagingLabs/Functions", MetricName: "Errors", Dimensions: [{ Name: "FunctionName", Value: context.names.consumer }] }, Period: 3 * 3600, Stat: "Sum" } },
      ],
    }),
  );
  expect((MetricDataResults[0]?.Values ?? []).reduce((a, b) => a + b, 0)).toBe(crashOnFirstDelivery.size);
});
