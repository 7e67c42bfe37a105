/**
 * Do the consumer's CloudWatch counters agree with what the table and the queues hold? Pure: the
 * figures come in, rows with both sides and a verdict come out. Meaningful once the queue is
 * quiet (nothing visible or in flight); before that the counters are still moving.
 *
 *   MessagesSaved     = items in the table                      (each message_id saved once)
 *   DuplicateMessages = skips noted on the items                (duplicate sends + redeliveries)
 *   MessagesDeleted   = items + duplicate sends skipped          (every SQS message deleted once)
 *   InvalidMessages   = messages in the dead-letter queue        (each invalid one ends there)
 */
import type { ConsumerMetric } from "./handlers/consumer-metrics";

export interface AgreementInput {
  metrics: Partial<Record<ConsumerMetric, number>>;
  table: { items: number; skippedDuplicates: number; skippedRedeliveries: number };
  queue: { visible: number; inFlight: number };
  dlq: { visible: number; inFlight: number };
}

export interface AgreementRow {
  metric: "MessagesSaved" | "DuplicateMessages" | "MessagesDeleted" | "InvalidMessages";
  metricValue: number;
  expected: number;
  /** Where the expected figure comes from, in words. */
  source: string;
  agrees: boolean;
}

export interface Agreement {
  rows: AgreementRow[];
  /** Nothing left to process: the counters have stopped moving. */
  quiet: boolean;
  agrees: boolean;
  /** Deliveries that did their work but were not deleted (crashes, failed deletes): saved + skipped − deleted. */
  notDeleted: number;
}

export function compareCounts(input: AgreementInput): Agreement {
  const m = (name: ConsumerMetric) => input.metrics[name] ?? 0;
  const { items, skippedDuplicates, skippedRedeliveries } = input.table;
  const dead = input.dlq.visible + input.dlq.inFlight;
  const row = (metric: AgreementRow["metric"], expected: number, source: string): AgreementRow => ({
    metric,
    metricValue: m(metric),
    expected,
    source,
    agrees: m(metric) === expected,
  });
  const rows = [
    row("MessagesSaved", items, `${items} item${items === 1 ? "" : "s"} in the table`),
    row("DuplicateMessages", skippedDuplicates + skippedRedeliveries, `${skippedDuplicates} duplicate send${skippedDuplicates === 1 ? "" : "s"} + ${skippedRedeliveries} redeliver${skippedRedeliveries === 1 ? "y" : "ies"} noted on the items`),
    row("MessagesDeleted", items + skippedDuplicates, `${items} saved + ${skippedDuplicates} duplicate send${skippedDuplicates === 1 ? "" : "s"} (a redelivery is the same SQS message)`),
    row("InvalidMessages", dead, `${dead} message${dead === 1 ? "" : "s"} in the dead-letter queue`),
  ];
  const quiet = input.queue.visible + input.queue.inFlight === 0;
  return {
    rows,
    quiet,
    agrees: quiet && rows.every((r) => r.agrees),
    notDeleted: m("MessagesSaved") + m("DuplicateMessages") - m("MessagesDeleted"),
  };
}

/**
 * What the lab's steps put into the counters. Every counter agrees at 0 with an empty table and
 * empty queues, which proves nothing: after the steps, each of these must be above 0.
 */
export const COUNTED_BY_THE_STEPS: ReadonlyArray<{ metric: AgreementRow["metric"]; from: string }> = [
  { metric: "MessagesSaved", from: "the consumer saving what you sent (steps 2 and 3)" },
  { metric: "MessagesDeleted", from: "the consumer deleting what it saved (step 3)" },
  { metric: "InvalidMessages", from: "the broken message of step 4" },
  { metric: "DuplicateMessages", from: "the redelivery skipped after the crash of step 5" },
];

/** The counters the steps should have raised that are still at 0. */
export function uncountedSteps(metrics: Partial<Record<ConsumerMetric, number>>): Array<{ metric: AgreementRow["metric"]; from: string }> {
  return COUNTED_BY_THE_STEPS.filter(({ metric }) => !((metrics[metric] ?? 0) > 0));
}
