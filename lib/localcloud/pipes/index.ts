/**
 * EventBridge Pipes on the local cloud: the REST-JSON API under `/v1/pipes` (and `/tags/{arn}`),
 * and a runner that moves events from SQS queues and DynamoDB streams to SQS queues and SNS
 * topics through the other services' in-process links. See README.md.
 */
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule } from "../core/service";
import { restJson, restJsonBody, restJsonError } from "../protocol/rest-json";
import { inspectPipes } from "./inspect";
import { PipesModel } from "./model";
import { route } from "./operations";
import { PipesRunner } from "./runner";

export function createPipesService(context: ServiceContext): ServiceModule {
  const model = new PipesModel(context.clock, context.store, context.accountId);
  const runner = new PipesRunner(model, context.clock, context.links);
  runner.start();

  return {
    name: "pipes",
    match: { signingNames: ["pipes"], pathPrefixes: ["/v1/pipes", "/tags"] },
    async handle(request) {
      try {
        const rest = { method: request.method, path: request.path, query: request.query, body: restJsonBody(request.body, (problem) => new AwsError("SerializationException", problem === "not JSON" ? "The request body is not valid JSON." : "The request body must be a JSON object.")), region: request.region };
        const found = route(rest);
        if (!found) throw new AwsError("UnknownOperationException", `No Pipes operation is ${request.method} ${request.path}.`, { status: 404 });
        return restJson(200, found.handler(model, rest, found.params));
      } catch (error) {
        if (error instanceof AwsError) return restJsonError(error);
        throw error;
      }
    },
    async inspect(request) {
      return inspectPipes(model, request);
    },
    async close() {
      runner.stop();
    },
  };
}
