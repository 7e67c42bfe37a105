import { connectStep } from "../framework/connect-step";
import { defineLab, defineResources } from "../framework/define";

export const resources = defineResources({
  ordersQueue: { kind: "sqs-queue", name: "CafeOrdersQueue", description: "Standard queue between the order API and the worker." },
  ordersDlq: { kind: "sqs-queue", name: "CafeOrdersDLQ", description: "Where an order lands after failing three times." },
  ordersTable: { kind: "dynamodb-table", name: "CafeOrders", description: "Orders the worker has stored." },
  menuTable: { kind: "dynamodb-table", name: "CafeMenu", description: "The menu, with a running count of orders per item." },
  orderApi: { kind: "function", name: "CafeOrderApi", description: "Producer: validates an order and sends it to the queue.", listed: false },
  orderWorker: { kind: "function", name: "CafeOrderWorker", description: "Consumer: stores each order and counts it on the menu.", listed: false },
});

export default defineLab({
  id: "cafe-sqs",
  order: 1,
  title: "Cafe orders through an SQS queue",
  summary:
    "A cafe's order API answers at once while a worker stores orders in the background. Create the queue, watch messages wait, retry a failing order into a dead-letter queue and read the queue's metrics.",
  minutes: 45,
  level: "beginner",
  services: ["SQS", "DynamoDB", "CloudWatch"],
  stepsComingIn: "issue 6",
  resources,
  steps: [connectStep()],
});
