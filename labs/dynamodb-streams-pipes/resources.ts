/**
 * The lab's resources, named from the student's prefix (`<prefix>-Orders`...). Kept apart from
 * lab.ts so that steps can import them without a cycle.
 */
import { defineResources } from "@/lib/lab-framework/define";

export const resources = defineResources({
  ordersTable: { kind: "dynamodb-table", name: "Orders", description: "Orders, with a stream of every change (new and old images)." },
  processingQueue: { kind: "sqs-queue", name: "order-processing-queue", description: "New orders forwarded from the table's stream." },
  processingDlq: { kind: "sqs-queue", name: "order-processing-dlq", description: "Orders that failed three receives." },
  highValueQueue: { kind: "sqs-queue", name: "high-value-orders-queue", description: "Orders above 10,000, routed by the pipe." },
  highValuePipe: { kind: "pipe", name: "HighValueOrderPipe", description: "The first design: a pipe reading the processing queue." },
  streamPipe: { kind: "pipe", name: "HighValueOrderStreamPipe", description: "The better design: a pipe reading the table's stream." },
  pipeRole: { kind: "iam-role", name: "HighValueOrderPipeRole", description: "The role the pipe acts as (least privilege).", listed: false },
  alertsTopic: { kind: "sns-topic", name: "order-processing-alerts", description: "Mails you when orders reach the DLQ." },
  dlqAlarm: { kind: "cloudwatch-alarm", name: "order-processing-alarm", description: "Fires when the DLQ holds a message." },
  createOrder: { kind: "function", name: "CreateOrderFunction", description: "API: writes a PENDING order.", listed: false },
  streamForwarder: { kind: "function", name: "OrderStreamForwarder", description: "Forwards INSERTs from the stream to the queue.", listed: false },
  orderWorker: { kind: "function", name: "OrderWorkerFunction", description: "Completes orders or fails them by the rules.", listed: false },
  highValueWorker: { kind: "function", name: "HighValueWorker", description: "Queues routed orders for a fraud check.", listed: false },
});

export type StreamsResources = typeof resources;
