import { cleanUpStep } from "@/lib/lab-framework/clean-up";
import { connectStep } from "@/lib/lab-framework/connect-step";
import { defineLab } from "@/lib/lab-framework/define";
import { workbookConsumer } from "./handlers/workbook-consumer";
import { fifoLiveJson } from "./live";
import { resources } from "./resources";
import { consumerStep } from "./steps/consumer";
import { crashStep } from "./steps/crash";
import { graphs, metricsStep } from "./steps/metrics";
import { orderingStep } from "./steps/ordering";
import { producerStep } from "./steps/producer";
import { queueAndTableStep } from "./steps/queue-and-table";

export { resources };

export default defineLab({
  id: "fifo-idempotency",
  order: 5,
  title: "An idempotent SQS FIFO consumer",
  summary:
    "Process every message exactly once in effect, though SQS delivers at least once: a FIFO queue, a conditional write in DynamoDB, structured logs and metrics, and a crash between save and delete.",
  minutes: 60,
  level: "advanced",
  services: ["SQS FIFO", "DynamoDB", "CloudWatch"],
  resources,
  steps: [connectStep(), queueAndTableStep, producerStep, consumerStep, orderingStep, crashStep, metricsStep, cleanUpStep(resources)],
  handlers: { consumer: workbookConsumer },
  graphs,
  diagram: {
    nodes: [
      { id: "producer", label: "Producer", kind: "client", row: 0, col: 0 },
      { id: "queue", label: "orders.fifo", kind: "queue", row: 0, col: 1, resource: "ordersQueue" },
      { id: "dlq", label: "orders-dlq.fifo", kind: "queue", row: 1, col: 0, resource: "ordersDlq" },
      { id: "consumer", label: "fifo-consumer", kind: "function", row: 1, col: 1 },
      { id: "table", label: "processed-messages", kind: "table", row: 2, col: 1, resource: "processedTable" },
    ],
    edges: [
      { id: "send", from: "producer", to: "queue" },
      { id: "redrive", from: "queue", to: "dlq", label: "after 3 receives", dashed: true },
      { id: "trigger", from: "queue", to: "consumer" },
      { id: "save", from: "consumer", to: "table", label: "PutItem if new" },
    ],
  },
  live: fifoLiveJson,
});
