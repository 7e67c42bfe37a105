/**
 * The lab's resources, named from the student's prefix: `<prefix>-orders.fifo` and so on.
 * Kept apart from lab.ts so that steps can import them without a cycle.
 */
import { defineResources } from "@/lib/lab-framework/define";

export const resources = defineResources({
  ordersQueue: { kind: "sqs-queue", name: "orders.fifo", description: "FIFO queue: ordered per group, deduplicated for 5 minutes." },
  ordersDlq: { kind: "sqs-queue", name: "orders-dlq.fifo", description: "FIFO dead-letter queue: messages received 3 times without success." },
  processedTable: { kind: "dynamodb-table", name: "processed-messages", description: "One item per message_id the consumer has saved (the idempotency record)." },
  consumer: { kind: "function", name: "fifo-consumer", description: "Saves each message once, with structured logs and metrics.", listed: false },
});

export type FifoResources = typeof resources;
