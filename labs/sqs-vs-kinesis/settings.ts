/**
 * The lab's settings in one place: the queues' attributes, the stream, both triggers and the
 * producers' limits. Steps, checks, snippets and tests all read them from here.
 */
export const DAY_SECONDS = 24 * 3600;
export const RETENTION_SECONDS = 14 * DAY_SECONDS;
export const VISIBILITY_TIMEOUT_SECONDS = 300;
export const LONG_POLL_SECONDS = 20;
export const MAX_RECEIVE_COUNT = 3;

/** The dead-letter queue keeps a failed order as long as SQS allows: 14 days. */
export const DLQ_ATTRIBUTES = {
  MessageRetentionPeriod: String(RETENTION_SECONDS),
} as const;

/** The order queue; its RedrivePolicy is added once the DLQ's ARN is known. */
export const QUEUE_ATTRIBUTES = {
  VisibilityTimeout: String(VISIBILITY_TIMEOUT_SECONDS),
  MessageRetentionPeriod: String(RETENTION_SECONDS),
  ReceiveMessageWaitTimeSeconds: String(LONG_POLL_SECONDS),
} as const;

export function redrivePolicy(dlqArn: string): string {
  return JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: MAX_RECEIVE_COUNT });
}

export const SHARD_COUNT = 2;
export const STREAM_RETENTION_HOURS = 24;

/** The SQS trigger: batches of 5, a 5 s window, two batches at a time, failed items reported. */
export const QUEUE_TRIGGER = {
  batchSize: 5,
  maximumBatchingWindowInSeconds: 5,
  maximumConcurrency: 2,
  functionResponseTypes: ["ReportBatchItemFailures" as const],
  timeoutSeconds: 60,
};

/** The Kinesis trigger: batches of 10 per shard, a 5 s window, new records only, 3 retries, no splitting. */
export const STREAM_TRIGGER = {
  batchSize: 10,
  maximumBatchingWindowInSeconds: 5,
  startingPosition: "LATEST" as const,
  maximumRetryAttempts: 3,
  bisectBatchOnFunctionError: false,
  maximumRecordAgeInSeconds: 3600,
  timeoutSeconds: 60,
};

/** Work per order in the queue processor, as the write-up has it. */
export const HIGH_PRIORITY_WORK_MS = 1000;
export const NORMAL_PRIORITY_WORK_MS = 2000;
/**
 * On the local cloud the processor works ten times faster (its PROCESSING_TIME_SCALE variable),
 * so fifty orders take seconds, not minutes; on AWS it takes the write-up's full time.
 */
export const LOCAL_TIME_SCALE = 0.1;

export const SQS_BATCH_LIMIT = { min: 1, max: 50 };
export const KINESIS_EVENT_LIMIT = { min: 1, max: 500 };
export const EVENT_TYPES = ["user_activity", "transaction", "system_metric"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** How many messages and records the comparison sends each way. */
export const COMPARISON_SIZE = 50;
