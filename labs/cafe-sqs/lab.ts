/**
 * Cafe orders through an SQS queue: the order API answers at once, a worker stores orders in the
 * background. The lab students usually start with.
 */
import { cleanUpStep } from "@/lib/lab-framework/clean-up";
import { connectStep } from "@/lib/lab-framework/connect-step";
import { defineLab } from "@/lib/lab-framework/define";
import { cafeDiagram } from "./diagram";
import { graphs } from "./graphs";
import { createOrderApi } from "./handlers/order-api";
import { createOrderWorker } from "./handlers/order-worker";
import { cafeLive } from "./live";
import { resources } from "./resources";
import { commonMistakesStep } from "./steps/common-mistakes";
import { competeStep } from "./steps/compete";
import { createQueueStep } from "./steps/create-queue";
import { forcedFailureStep } from "./steps/forced-failure";
import { loadStep } from "./steps/load";
import { messageWaitsStep } from "./steps/message-waits";
import { metricsStep } from "./steps/metrics";
import { orderApiStep } from "./steps/order-api";
import { whyAQueueStep } from "./steps/why-a-queue";
import { workerStep } from "./steps/worker";

export { resources };

export default defineLab({
  id: "cafe-sqs",
  order: 1,
  title: "Cafe orders through an SQS queue",
  summary:
    "A cafe's order API answers at once while a worker stores orders in the background. Create the queue, watch messages wait, retry a failing order into a dead-letter queue and read the queue's metrics.",
  minutes: 45,
  level: "beginner",
  services: ["SQS", "Lambda", "DynamoDB", "CloudWatch"],
  resources,
  handlers: {
    orderApi: (env) => createOrderApi({ sqs: env.aws.sqs, queueUrl: env.variables.SQS_QUEUE_URL }),
    orderWorker: (env) =>
      createOrderWorker({
        documents: env.aws.documents,
        ordersTable: env.names.ordersTable,
        menuTable: env.names.menuTable,
        forceFailure: env.variables.FORCE_FAILURE === "true",
        slowSeconds: Number(env.variables.SLOW_SECONDS ?? 0),
      }),
  },
  graphs,
  diagram: cafeDiagram,
  live: cafeLive,
  steps: [
    connectStep(),
    whyAQueueStep,
    createQueueStep,
    orderApiStep,
    messageWaitsStep,
    workerStep,
    competeStep,
    forcedFailureStep,
    metricsStep,
    loadStep,
    commonMistakesStep,
    cleanUpStep(resources),
  ],
});
