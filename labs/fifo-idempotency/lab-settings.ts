/**
 * The lab's fixed settings, in one browser-safe module (no SDK): the server code and the panels
 * both read them.
 */

/** How long a received message stays hidden before SQS gives it out again. */
export const VISIBILITY_TIMEOUT_SECONDS = 30;
/** Receives without a delete before SQS moves a message to the dead-letter queue. */
export const MAX_RECEIVE_COUNT = 3;
export const DLQ_RETENTION_SECONDS = 14 * 24 * 3600;

/** The consumer's function settings (its timeout is a sixth of the visibility timeout, as AWS advises). */
export const CONSUMER_TIMEOUT_SECONDS = 5;
/** One message per batch: see the consumer step for why. */
export const CONSUMER_BATCH_SIZE = 1;

/** The groups each step sends to. */
export const DEFAULT_GROUPS = { first: "order-1001", second: "order-1002" };
export const ORDERING_GROUPS = { first: "order-3001", second: "order-3002" };
export const CRASH_GROUP = "order-5001";
