/**
 * The lab's architecture as the live diagram draws it: the write path across the top, the queue
 * and its consumers down the right, the pipe in the middle (from the queue in the first design,
 * from the stream in the better one), the alarm path along the bottom.
 */
import type { DiagramSpec } from "../framework/types";

export const diagram: DiagramSpec = {
  nodes: [
    { id: "form", label: "Order form", kind: "client", row: 0, col: 0 },
    { id: "api", label: "CreateOrderFunction", kind: "api", row: 0, col: 1, note: "201" },
    { id: "table", label: "Orders", kind: "table", row: 0, col: 2, resource: "ordersTable" },
    { id: "forwarder", label: "OrderStreamForwarder", kind: "function", row: 0, col: 3, note: "INSERT only" },
    { id: "hvWorker", label: "HighValueWorker", kind: "function", row: 1, col: 0, note: "fraud check" },
    { id: "hvQueue", label: "high-value-orders-queue", kind: "queue", row: 1, col: 1, resource: "highValueQueue" },
    { id: "pipe", label: "HighValueOrderPipe", kind: "pipe", row: 1, col: 2, note: "amount > 10000" },
    { id: "queue", label: "order-processing-queue", kind: "queue", row: 1, col: 3, resource: "processingQueue" },
    { id: "topic", label: "order-processing-alerts", kind: "topic", row: 2, col: 0, resource: "alertsTopic" },
    { id: "alarm", label: "order-processing-alarm", kind: "alarm", row: 2, col: 1, resource: "dlqAlarm" },
    { id: "dlq", label: "order-processing-dlq", kind: "queue", row: 2, col: 2, resource: "processingDlq" },
    { id: "worker", label: "OrderWorkerFunction", kind: "function", row: 2, col: 3, note: "batch 1" },
  ],
  edges: [
    { id: "form-api", from: "form", to: "api", label: "POST /orders" },
    { id: "api-table", from: "api", to: "table", label: "PutItem" },
    { id: "table-forwarder", from: "table", to: "forwarder", label: "stream" },
    { id: "forwarder-queue", from: "forwarder", to: "queue", label: "SendMessage" },
    { id: "queue-worker", from: "queue", to: "worker", label: "receive" },
    { id: "queue-dlq", from: "queue", to: "dlq", label: "after 3 receives" },
    { id: "queue-pipe", from: "queue", to: "pipe", label: "first design", dashed: true },
    { id: "table-pipe", from: "table", to: "pipe", label: "better design", dashed: true },
    { id: "pipe-hvQueue", from: "pipe", to: "hvQueue", label: "routed" },
    { id: "hvQueue-hvWorker", from: "hvQueue", to: "hvWorker" },
    { id: "dlq-alarm", from: "dlq", to: "alarm", label: "visible ≥ 1" },
    { id: "alarm-topic", from: "alarm", to: "topic", label: "ALARM" },
  ],
};
