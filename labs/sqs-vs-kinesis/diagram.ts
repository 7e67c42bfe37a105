/**
 * The lab's two paths side by side: producer → queue → processor (with the DLQ under the
 * queue, after three receives), and producer → stream → processor.
 */
import type { DiagramSpec } from "@/lib/lab-framework/types";

export const diagram: DiagramSpec = {
  nodes: [
    { id: "sqsProducer", label: "SQS producer", kind: "function", row: 0, col: 0 },
    { id: "queue", label: "order queue", kind: "queue", row: 0, col: 1, resource: "orderQueue" },
    { id: "queueProcessor", label: "queue processor", kind: "function", row: 0, col: 2, note: "queueProcessor" },
    { id: "dlq", label: "order DLQ", kind: "queue", row: 1, col: 1, resource: "orderDlq" },
    { id: "kinesisProducer", label: "Kinesis producer", kind: "function", row: 2, col: 0 },
    { id: "stream", label: "analytics stream", kind: "stream", row: 2, col: 1, resource: "analyticsStream" },
    { id: "streamProcessor", label: "stream processor", kind: "function", row: 2, col: 2, note: "streamProcessor" },
  ],
  edges: [
    { id: "send", from: "sqsProducer", to: "queue", label: "SendMessageBatch" },
    { id: "toQueueProcessor", from: "queue", to: "queueProcessor", label: "batches of 5" },
    { id: "redrive", from: "queue", to: "dlq", label: "after 3 receives", dashed: true },
    { id: "put", from: "kinesisProducer", to: "stream", label: "PutRecords" },
    { id: "toStreamProcessor", from: "stream", to: "streamProcessor", label: "10 per shard" },
  ],
};
