import type { DiagramSpec } from "@/lib/lab-framework/types";

/** The asynchronous design this lab builds (drawn above every step). */
export const cafeDiagram: DiagramSpec = {
  nodes: [
    { id: "customer", label: "Customer", kind: "client", row: 0, col: 0, note: "orders a coffee" },
    { id: "api", label: "CafeOrderApi", kind: "function", row: 0, col: 1 },
    { id: "dlq", label: "CafeOrdersDLQ", kind: "queue", row: 1, col: 0, resource: "ordersDlq" },
    { id: "queue", label: "CafeOrdersQueue", kind: "queue", row: 1, col: 1, resource: "ordersQueue" },
    { id: "worker", label: "CafeOrderWorker", kind: "function", row: 2, col: 1 },
    { id: "orders", label: "CafeOrders", kind: "table", row: 3, col: 0, resource: "ordersTable" },
    { id: "menu", label: "CafeMenu", kind: "table", row: 3, col: 1, resource: "menuTable" },
  ],
  edges: [
    { id: "order", from: "customer", to: "api", label: "POST /orders" },
    { id: "send", from: "api", to: "queue", label: "SendMessage" },
    { id: "dead-letter", from: "queue", to: "dlq", label: "after 3 receives", dashed: true },
    { id: "trigger", from: "queue", to: "worker", label: "trigger" },
    { id: "store", from: "worker", to: "orders", label: "Put order" },
    { id: "count", from: "worker", to: "menu", label: "ADD orders" },
  ],
};
