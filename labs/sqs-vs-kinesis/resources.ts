/**
 * What the lab creates for a student, by key. Every name is `<prefix>-<name>`: a class shares one
 * account, and the prefix is what keeps one student's queue out of another's way.
 */
import { defineResources } from "@/lib/lab-framework/define";
import type { LabContext, SnippetContext } from "@/lib/lab-framework/types";

export const resources = defineResources({
  orderDlq: { kind: "sqs-queue", name: "order-dlq", description: "Dead-letter queue, 14 days' retention." },
  orderQueue: { kind: "sqs-queue", name: "order-processing-queue", description: "Orders, visibility 300 s, long polling, redrive after 3 receives." },
  analyticsStream: { kind: "kinesis-stream", name: "analytics-stream", description: "Two-shard stream of activity, transactions and metrics." },
  dashboard: { kind: "cloudwatch-dashboard", name: "messaging-dashboard", description: "SQS, Kinesis and worker graphs side by side." },
  sqsProducer: { kind: "function", name: "sqs-producer", description: "Producer behind POST /messages: sends orders to the queue.", listed: false },
  queueProcessor: { kind: "function", name: "queue-processor", description: "Batches of 5, reports failed items.", listed: false },
  kinesisProducer: { kind: "function", name: "kinesis-producer", description: "Producer behind POST /events: puts analytics events on the stream.", listed: false },
  streamProcessor: { kind: "function", name: "stream-processor", description: "Batches of 10 per shard, running analytics.", listed: false },
});

export type KinesisLabResources = typeof resources;
export type KinesisLabContext = LabContext<KinesisLabResources>;
export type KinesisLabSnippets = SnippetContext<KinesisLabResources>;

export const LAB_ID = "sqs-vs-kinesis";
