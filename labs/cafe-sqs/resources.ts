import { defineResources } from "@/lib/lab-framework/define";

export const resources = defineResources({
  ordersQueue: { kind: "sqs-queue", name: "CafeOrdersQueue", description: "Standard queue between the order API and the worker." },
  ordersDlq: { kind: "sqs-queue", name: "CafeOrdersDLQ", description: "Where an order lands after failing three times." },
  ordersTable: { kind: "dynamodb-table", name: "CafeOrders", description: "Orders the worker has stored." },
  menuTable: { kind: "dynamodb-table", name: "CafeMenu", description: "The menu, with a running count of orders per item." },
  orderApi: { kind: "function", name: "CafeOrderApi", description: "Producer: validates an order and sends it to the queue.", listed: false },
  orderWorker: { kind: "function", name: "CafeOrderWorker", description: "Consumer: stores each order and counts it on the menu.", listed: false },
});

export type CafeResources = typeof resources;
