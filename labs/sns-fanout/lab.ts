import { connectStep } from "../framework/connect-step";
import { defineLab, defineResources } from "../framework/define";

export const resources = defineResources({
  ordersTable: { kind: "dynamodb-table", name: "Orders", description: "Orders the processor stored." },
  orderTopic: { kind: "sns-topic", name: "OrderTopic", description: "Where new orders are published." },
  orderQueue: { kind: "sqs-queue", name: "OrderQueue", description: "Subscribed to the topic; feeds the processor." },
  orderDlq: { kind: "sqs-queue", name: "OrderDLQ", description: "Orders that failed three times." },
  analyticsQueue: { kind: "sqs-queue", name: "AnalyticsQueue", description: "A second subscriber: every order." },
  highQuantityQueue: { kind: "sqs-queue", name: "HighQuantityQueue", description: "A filtered subscriber: quantity of 10 or more." },
  orderProcessor: { kind: "function", name: "OrderProcessor", description: "Unwraps the SNS envelope and stores the order.", listed: false },
});

export default defineLab({
  id: "sns-fanout",
  order: 4,
  title: "SNS fan-out to SQS with a dead-letter queue",
  summary:
    "Publish orders to a topic, unwrap the SNS envelope in a consumer, and see why swallowing errors keeps the dead-letter queue empty. Then fan out to more subscribers, one of them filtered.",
  minutes: 50,
  level: "beginner",
  services: ["SNS", "SQS", "DynamoDB"],
  stepsComingIn: "issue 9",
  resources,
  steps: [connectStep()],
});
