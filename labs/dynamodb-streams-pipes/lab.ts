import { connectStep } from "../framework/connect-step";
import { defineLab, defineResources } from "../framework/define";

export const resources = defineResources({
  ordersTable: { kind: "dynamodb-table", name: "Orders", description: "Orders, with a stream of every change." },
  processingQueue: { kind: "sqs-queue", name: "order-processing-queue", description: "New orders forwarded from the table's stream." },
  processingDlq: { kind: "sqs-queue", name: "order-processing-dlq", description: "Orders that failed three times." },
  highValueQueue: { kind: "sqs-queue", name: "high-value-orders-queue", description: "Orders above 10,000, routed by the pipe." },
  highValuePipe: { kind: "pipe", name: "HighValueOrderPipe", description: "EventBridge Pipe filtering high-value orders." },
  pipeRole: { kind: "iam-role", name: "HighValueOrderPipeRole", description: "The role the pipe acts as.", listed: false },
  alertsTopic: { kind: "sns-topic", name: "order-processing-alerts", description: "Notifies when orders reach the DLQ." },
  dlqAlarm: { kind: "cloudwatch-alarm", name: "order-processing-alarm", description: "Fires when the DLQ holds a message." },
  createOrder: { kind: "function", name: "CreateOrderFunction", description: "API: writes a PENDING order.", listed: false },
  streamForwarder: { kind: "function", name: "OrderStreamForwarder", description: "Forwards INSERTs from the stream to the queue.", listed: false },
  orderWorker: { kind: "function", name: "OrderWorker", description: "Completes orders or fails them by the rules.", listed: false },
});

export default defineLab({
  id: "dynamodb-streams-pipes",
  order: 2,
  title: "DynamoDB Streams, a dead-letter queue, Pipes and an alarm",
  summary:
    "Orders written to a table flow through its stream into a queue. A worker completes them, business-rule failures are not retried, technical ones end in a DLQ, a Pipe routes high-value orders, and an alarm tells you when something is stuck.",
  minutes: 75,
  level: "intermediate",
  services: ["DynamoDB", "DynamoDB Streams", "SQS", "EventBridge Pipes", "SNS", "CloudWatch"],
  stepsComingIn: "issue 7",
  resources,
  steps: [connectStep()],
});
