import { connectStep } from "../framework/connect-step";
import { defineLab } from "../framework/define";
import { resources } from "./resources";
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
  stepsComingIn: "issue 10",
  resources,
  steps: [connectStep(), queueAndTableStep, producerStep],
});
