/**
 * The queue's settings as “Create the queue” creates them, each with the reason for it. Plain data: the
 * settings form shows it, the provisioning applies it, the check compares against it.
 */
export interface QueueSetting {
  attribute: string;
  value: string;
  label: string;
  shown: string;
  why: string;
}

export const VISIBILITY_TIMEOUT_SECONDS = 60;
export const MAX_RECEIVE_COUNT = 3;
/** Four days, SQS's default. */
export const RETENTION_SECONDS = 4 * 24 * 3600;
/** The DLQ keeps what it holds longer than the queue does, so nothing expires there first. */
export const DLQ_RETENTION_SECONDS = 14 * 24 * 3600;

export const QUEUE_SETTINGS: readonly QueueSetting[] = [
  {
    attribute: "VisibilityTimeout",
    value: String(VISIBILITY_TIMEOUT_SECONDS),
    label: "Visibility timeout",
    shown: "60 seconds",
    why: "While the worker holds an order, nobody else sees it. The worker must finish well within this time, or the order reappears and is processed twice.",
  },
  {
    attribute: "MessageRetentionPeriod",
    value: String(RETENTION_SECONDS),
    label: "Message retention",
    shown: "4 days (default)",
    why: "How long an unprocessed order may wait, for example while the worker is broken over a weekend.",
  },
  {
    attribute: "MaximumMessageSize",
    value: "262144",
    label: "Maximum message size",
    shown: "256 KB",
    why: "An order is a few hundred bytes. 256 KB was the default when the write-up was made; since August 2025 new queues default to 1 MiB.",
  },
  {
    attribute: "DelaySeconds",
    value: "0",
    label: "Delivery delay",
    shown: "0 seconds (default)",
    why: "Orders should reach the worker at once.",
  },
  {
    attribute: "ReceiveMessageWaitTimeSeconds",
    value: "0",
    label: "Receive wait time",
    shown: "0 seconds (default)",
    why: "Short polling for a reader that polls by hand. Lambda's trigger long-polls on its own whatever this says.",
  },
  {
    attribute: "SqsManagedSseEnabled",
    value: "false",
    label: "Encryption",
    shown: "Off",
    why: "Nothing secret in a coffee order. New queues get SSE-SQS encryption unless you turn it off, as here.",
  },
];
