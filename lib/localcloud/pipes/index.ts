/**
 * EventBridge Pipes on the local cloud: the REST-JSON API under `/v1/pipes` (and `/tags/{arn}`),
 * and a runner that moves events from SQS queues and DynamoDB streams to SQS queues and SNS
 * topics through the other services' in-process links. See README.md.
 */
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule, ServiceResponse } from "../core/service";
import { inspectPipes } from "./inspect";
import { PipesModel } from "./model";
import { route } from "./operations";
import type { JsonObject } from "./pipe";
import { PipesRunner } from "./runner";

function json(status: number, body: unknown, headers: Record<string, string> = {}): ServiceResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body ?? {}) };
}

function errorResponse(error: AwsError): ServiceResponse {
  return json(error.status, { message: error.message, ...error.extra }, { "x-amzn-errortype": error.code });
}

function parseBody(body: Buffer): JsonObject {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new AwsError("SerializationException", "The request body is not valid JSON.");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new AwsError("SerializationException", "The request body must be a JSON object.");
  return parsed as JsonObject;
}

export function createPipesService(context: ServiceContext): ServiceModule {
  const model = new PipesModel(context.clock, context.store, context.accountId);
  const runner = new PipesRunner(model, context.clock, context.links);
  runner.start();

  return {
    name: "pipes",
    match: { signingNames: ["pipes"], pathPrefixes: ["/v1/pipes", "/tags"] },
    async handle(request) {
      try {
        const rest = { method: request.method, path: request.path, query: request.query, body: parseBody(request.body), region: request.region };
        const found = route(rest);
        if (!found) throw new AwsError("UnknownOperationException", `No Pipes operation is ${request.method} ${request.path}.`, { status: 404 });
        return json(200, found.handler(model, rest, found.params));
      } catch (error) {
        if (error instanceof AwsError) return errorResponse(error);
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
