import { cleanUpStep } from "@/lib/lab-framework/clean-up";
import { connectStep } from "@/lib/lab-framework/connect-step";
import { defineLab } from "@/lib/lab-framework/define";
import type { AnyHandler } from "@/lib/runtime";
import type { HandlerEnvironment } from "@/lib/lab-framework/types";
import { diagram } from "./diagram";
import { graphs } from "./graphs";
import { createCreateOrder } from "./handlers/create-order";
import { createHighValueWorker } from "./handlers/high-value-worker";
import { createOrderWorker } from "./handlers/order-worker";
import { createStreamForwarder } from "./handlers/stream-forwarder";
import { streamsLive } from "./live";
import { resources, type StreamsResources } from "./resources";
import { alertsStep } from "./steps/alerts";
import { createOrderApiStep } from "./steps/create-order-api";
import { metricsStep } from "./steps/metrics";
import { orderWorkerStep } from "./steps/order-worker";
import { ordersTableStep } from "./steps/orders-table";
import { pipeOnStreamStep } from "./steps/pipe-on-stream";
import { queuesStep } from "./steps/queues";
import { routeWithPipeStep } from "./steps/route-with-pipe";
import { streamConsumerStep } from "./steps/stream-consumer";

export { resources };

type Environment = HandlerEnvironment<StreamsResources>;

/** A function's environment variable, as Lambda would hold it; a handler that says so when it is missing. */
function withVariable(environment: Environment, name: string, build: (value: string) => AnyHandler): AnyHandler {
  const value = environment.variables[name];
  if (value) return build(value);
  return (async () => {
    throw new Error(`Set the ${name} environment variable on the function (run its step again).`);
  }) as AnyHandler;
}

export default defineLab<StreamsResources>({
  id: "dynamodb-streams-pipes",
  order: 2,
  title: "DynamoDB Streams, a dead-letter queue, Pipes and an alarm",
  summary:
    "Orders written to a table flow through its stream into a queue. A worker completes them, business-rule failures are not retried, technical ones end in a DLQ, a Pipe routes high-value orders, and an alarm tells you when something is stuck.",
  minutes: 75,
  level: "intermediate",
  services: ["DynamoDB", "DynamoDB Streams", "SQS", "EventBridge Pipes", "SNS", "CloudWatch"],
  resources,
  steps: [
    connectStep(),
    ordersTableStep,
    createOrderApiStep,
    streamConsumerStep,
    queuesStep,
    orderWorkerStep,
    routeWithPipeStep,
    pipeOnStreamStep,
    alertsStep,
    metricsStep,
    cleanUpStep(resources),
  ],
  handlers: {
    createOrder: (env) => withVariable(env, "ORDERS_TABLE", (tableName) => createCreateOrder({ documents: env.aws.documents, tableName }) as AnyHandler),
    streamForwarder: (env) =>
      withVariable(env, "QUEUE_URL", (queueUrl) =>
        withVariable(env, "ORDERS_TABLE", (tableName) => createStreamForwarder({ sqs: env.aws.sqs, queueUrl, documents: env.aws.documents, tableName }) as AnyHandler),
      ),
    orderWorker: (env) => withVariable(env, "ORDERS_TABLE", (tableName) => createOrderWorker({ documents: env.aws.documents, tableName }) as AnyHandler),
    highValueWorker: (env) => withVariable(env, "ORDERS_TABLE", (tableName) => createHighValueWorker({ documents: env.aws.documents, tableName }) as AnyHandler),
  },
  graphs,
  diagram,
  live: streamsLive,
});
