/**
 * The consumer's settings as a deployed Lambda function holds them: environment variables.
 *
 *   TABLE_NAME         the idempotency table (required)
 *   METRICS_NAMESPACE  where the counters go (default MessagingLabs/FifoConsumer)
 *   CRASH_AFTER_SAVE   "true": every save is followed by a crash, before the delete
 */
import type { FifoConsumerEnvironment } from "./fifo-consumer";

export const DEFAULT_METRICS_NAMESPACE = "MessagingLabs/FifoConsumer";

export type ConsumerSettings = Pick<FifoConsumerEnvironment, "tableName" | "metricsNamespace" | "crashAfterSave">;

export function consumerSettings(variables: Readonly<Record<string, string | undefined>>): ConsumerSettings {
  const tableName = variables.TABLE_NAME;
  if (!tableName) throw new Error("Set the TABLE_NAME environment variable to the idempotency table's name.");
  const crash = variables.CRASH_AFTER_SAVE === "true";
  return {
    tableName,
    metricsNamespace: variables.METRICS_NAMESPACE || DEFAULT_METRICS_NAMESPACE,
    crashAfterSave: () => crash,
  };
}
