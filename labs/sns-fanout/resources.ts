/**
 * What the lab creates, named from the student's prefix (`<prefix>-OrderTopic`...). The table's
 * name, `<prefix>-Orders`, is also the DynamoDB Streams lab's: the steps refuse to touch a table
 * that lab owns.
 */
import { defineResources } from "@/lib/lab-framework/define";

export const resources = defineResources({
  ordersTable: { kind: "dynamodb-table", name: "Orders", description: "Orders the processor stored." },
  orderTopic: { kind: "sns-topic", name: "OrderTopic", description: "Where new orders are published." },
  orderQueue: { kind: "sqs-queue", name: "OrderQueue", description: "Subscribed to the topic; feeds the processor." },
  orderDlq: { kind: "sqs-queue", name: "OrderDLQ", description: "Orders that failed three times." },
  analyticsQueue: { kind: "sqs-queue", name: "AnalyticsQueue", description: "A second subscriber: every order." },
  highQuantityQueue: { kind: "sqs-queue", name: "HighQuantityQueue", description: "A filtered subscriber: quantity of 10 or more." },
  orderProcessor: { kind: "function", name: "OrderProcessor", description: "Unwraps the SNS envelope and stores the order.", listed: false },
});

export type Resources = typeof resources;
export type QueueKey = "orderQueue" | "orderDlq" | "analyticsQueue" | "highQuantityQueue";
