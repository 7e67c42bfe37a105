/**
 * The latest comparison run of each student (per connection and prefix): which messages and
 * records it sent, so the measurements count those and nothing else. Kept in the server's memory
 * like the runtime's log it is measured from; after a restart the student runs it again.
 */
import type { KinesisLabContext } from "./resources";

export interface ComparisonRun {
  id: string;
  /** When it was started (wall clock, ISO), for the page. */
  startedAt: string;
  /** When it was started on the cloud's clock (epoch ms), which the processors' batches are timed on. */
  cloudStartedAt: number;
  sqs: Array<{ messageId: string; orderId: string }>;
  kinesis: Array<{ sequenceNumber: string; partitionKey: string; shardId: string }>;
}

const SLOT = Symbol.for("messaging-labs.sqs-vs-kinesis.comparison-runs");
const MAX_STUDENTS = 500;

function runs(): Map<string, ComparisonRun> {
  const holder = globalThis as typeof globalThis & { [SLOT]?: Map<string, ComparisonRun> };
  holder[SLOT] ??= new Map();
  return holder[SLOT];
}

function keyOf(context: Pick<KinesisLabContext, "aws" | "prefix">): string {
  return `${context.aws.connection.key}|${context.prefix}`;
}

export function rememberComparisonRun(context: Pick<KinesisLabContext, "aws" | "prefix">, run: ComparisonRun): void {
  const all = runs();
  all.delete(keyOf(context));
  all.set(keyOf(context), run);
  if (all.size > MAX_STUDENTS) all.delete(all.keys().next().value as string);
}

export function latestComparisonRun(context: Pick<KinesisLabContext, "aws" | "prefix">): ComparisonRun | undefined {
  return runs().get(keyOf(context));
}

export function forgetComparisonRun(context: Pick<KinesisLabContext, "aws" | "prefix">): void {
  runs().delete(keyOf(context));
}
