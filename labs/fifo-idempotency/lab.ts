import { connectStep } from "../framework/connect-step";
import { defineLab, defineResources } from "../framework/define";

export const resources = defineResources({
  ordersQueue: { kind: "sqs-queue", name: "orders.fifo", description: "FIFO queue: ordered per group, deduplicated for 5 minutes." },
  ordersDlq: { kind: "sqs-queue", name: "orders-dlq.fifo", description: "FIFO dead-letter queue." },
  processedTable: { kind: "dynamodb-table", name: "processed-messages", description: "Message ids already processed (the idempotency record)." },
  consumer: { kind: "function", name: "fifo-consumer", description: "Saves each message once, with structured logs and metrics.", listed: false },
});

export default defineLab({
  id: "fifo-idempotency",
  order: 5,
  title: "An idempotent SQS FIFO consumer",
  summary:
    "Process every message exactly once in effect, though SQS delivers at least once: a FIFO queue, a conditional write in DynamoDB, structured logs and metrics, and a crash between save and delete.",
  minutes: 60,
  level: "advanced",
  services: ["SQS FIFO", "DynamoDB", "CloudWatch"],
  stepsComingIn: "issue 10",
  resources,
  steps: [connectStep()],
});
