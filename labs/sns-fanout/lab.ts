/**
 * The SNS fan-out lab: orders published to a topic reach a queue, OrderProcessor unwraps SNS's
 * envelope and stores them, and what it does with errors decides whether a bad order ends in the
 * DLQ or disappears. Then two more subscribers, one filtered, and the metrics that show it all.
 */
import { cleanUpStep } from "@/lib/lab-framework/clean-up";
import { connectStep } from "@/lib/lab-framework/connect-step";
import { defineLab } from "@/lib/lab-framework/define";
import { liveJson } from "./live";
import { orderProcessorFor } from "./processor";
import { resources } from "./resources";
import { fanOutStep } from "./steps/fan-out";
import { graphs, metricsStep } from "./steps/metrics";
import { ordersTableStep } from "./steps/orders-table";
import { processorStep } from "./steps/processor";
import { queuesStep } from "./steps/queues";
import { subscriptionStep } from "./steps/subscription";
import { topicStep } from "./steps/topic";

export { resources };

export default defineLab({
  id: "sns-fanout",
  order: 4,
  title: "SNS fan-out to SQS with a dead-letter queue",
  summary:
    "Publish orders to a topic, unwrap the SNS envelope in a consumer, and see why swallowing errors keeps the dead-letter queue empty. Then fan out to more subscribers, one of them filtered.",
  minutes: 50,
  level: "beginner",
  services: ["SNS", "SQS", "Lambda", "DynamoDB", "CloudWatch"],
  resources,
  steps: [connectStep(), ordersTableStep, topicStep, queuesStep, subscriptionStep, processorStep, fanOutStep, metricsStep, cleanUpStep(resources)],
  handlers: { orderProcessor: orderProcessorFor },
  graphs,
  diagram: {
    nodes: [
      { id: "publisher", label: "Publisher", kind: "client", row: 0, col: 0 },
      { id: "topic", label: "OrderTopic", kind: "topic", row: 0, col: 1, resource: "orderTopic" },
      { id: "orders", label: "OrderQueue", kind: "queue", row: 1, col: 0, resource: "orderQueue" },
      { id: "analytics", label: "AnalyticsQueue", kind: "queue", row: 1, col: 1, resource: "analyticsQueue" },
      { id: "large", label: "HighQuantityQueue", kind: "queue", row: 1, col: 2, resource: "highQuantityQueue" },
      { id: "processor", label: "OrderProcessor", kind: "function", row: 2, col: 0 },
      { id: "dlq", label: "OrderDLQ", kind: "queue", row: 2, col: 1, resource: "orderDlq" },
      { id: "table", label: "Orders", kind: "table", row: 3, col: 0, resource: "ordersTable" },
    ],
    edges: [
      { id: "publish", from: "publisher", to: "topic" },
      { id: "to-orders", from: "topic", to: "orders" },
      { id: "to-analytics", from: "topic", to: "analytics" },
      { id: "to-large", from: "topic", to: "large", label: "quantity ≥ 10" },
      { id: "trigger", from: "orders", to: "processor" },
      { id: "store", from: "processor", to: "table" },
      { id: "redrive", from: "orders", to: "dlq", label: "3 receives", dashed: true },
    ],
  },
  live: liveJson,
});
