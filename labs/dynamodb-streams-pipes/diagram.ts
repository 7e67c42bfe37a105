/**
 * The lab's architecture as the live diagram draws it, three columns wide: the write path across
 * the top and down the right (table → forwarder → queue → worker), the pipe in the middle (fed by
 * the queue in the first design, by the table's stream in the better one) routing to the left,
 * the DLQ and its alarm along the bottom. Arrows between neighbours in a row carry no label: what
 * they would say is in the boxes' notes.
 */
import type { DiagramSpec } from "@/lib/lab-framework/types";

export const diagram: DiagramSpec = {
  nodes: [
    { id: "form", label: "Order form", kind: "client", row: 0, col: 0, note: "this page" },
    { id: "api", label: "CreateOrderFunction", kind: "api", row: 0, col: 1, note: "POST /orders → 201" },
    { id: "table", label: "Orders", kind: "table", row: 0, col: 2, resource: "ordersTable" },
    { id: "forwarder", label: "OrderStreamForwarder", kind: "function", row: 1, col: 2, note: "INSERT only" },
    { id: "hvWorker", label: "HighValueWorker", kind: "function", row: 2, col: 0, note: "fraud check" },
    { id: "hvQueue", label: "high-value-orders-queue", kind: "queue", row: 1, col: 0, resource: "highValueQueue" },
    { id: "pipe", label: "High-value pipe", kind: "pipe", row: 1, col: 1, note: "amount > 10000" },
    { id: "queue", label: "order-processing-queue", kind: "queue", row: 2, col: 2, resource: "processingQueue" },
    { id: "topic", label: "order-processing-alerts", kind: "topic", row: 3, col: 0, resource: "alertsTopic" },
    { id: "alarm", label: "order-processing-alarm", kind: "alarm", row: 3, col: 1, resource: "dlqAlarm" },
    { id: "dlq", label: "order-processing-dlq", kind: "queue", row: 2, col: 1, resource: "processingDlq" },
    { id: "worker", label: "OrderWorkerFunction", kind: "function", row: 3, col: 2, note: "batch 1" },
  ],
  edges: [
    { id: "form-api", from: "form", to: "api" },
    { id: "api-table", from: "api", to: "table" },
    { id: "table-forwarder", from: "table", to: "forwarder", label: "stream" },
    { id: "forwarder-queue", from: "forwarder", to: "queue", label: "SendMessage" },
    { id: "queue-worker", from: "queue", to: "worker", label: "receive" },
    { id: "queue-dlq", from: "queue", to: "dlq" },
    { id: "queue-pipe", from: "queue", to: "pipe", label: "first design", dashed: true },
    { id: "table-pipe", from: "table", to: "pipe", label: "better design", dashed: true },
    { id: "pipe-hvQueue", from: "pipe", to: "hvQueue" },
    { id: "hvQueue-hvWorker", from: "hvQueue", to: "hvWorker" },
    { id: "dlq-alarm", from: "dlq", to: "alarm", label: "visible ≥ 1" },
    { id: "alarm-topic", from: "alarm", to: "topic" },
  ],
};
