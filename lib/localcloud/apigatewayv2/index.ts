/**
 * API Gateway HTTP APIs (`apigatewayv2`) on the local cloud: the REST-JSON control plane under
 * `/v2/apis` and `/v2/tags`, and invoke URLs that run the Lambda integrations. See README.md.
 */
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule, ServiceResponse } from "../core/service";
import { EXECUTE_API_OPERATION, EXECUTE_API_PATH_PREFIX } from "../router";
import { inspectApis } from "./inspect";
import { invokeApi } from "./invoke";
import { ApiMetrics } from "./metrics";
import { ApiGatewayModel } from "./model";
import { route, type JsonObject } from "./operations";
import { apiGatewayErrors } from "./errors";

function json(status: number, body: unknown, headers: Record<string, string> = {}): ServiceResponse {
  if (status === 204) return { status, headers, body: "" };
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
    throw apiGatewayErrors.badRequest("Invalid request body: it is not valid JSON.");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw apiGatewayErrors.badRequest("Invalid request body: it must be a JSON object.");
  return parsed as JsonObject;
}

export function createApiGatewayV2Service(context: ServiceContext): ServiceModule {
  const model = new ApiGatewayModel(context.clock, context.store, context.accountId);
  const metrics = new ApiMetrics();
  const stopMetrics = context.clock.everyMinute((minuteStart) => metrics.emit(context.links, minuteStart));

  return {
    name: "apigatewayv2",
    match: { signingNames: ["apigateway"], pathPrefixes: ["/v2/apis", "/v2/tags", EXECUTE_API_PATH_PREFIX] },
    async handle(request) {
      if (request.operation === EXECUTE_API_OPERATION) {
        const answer = await invokeApi({ model, links: context.links, metrics, clock: context.clock }, {
          method: request.method,
          path: request.path,
          rawQuery: request.rawQuery ?? request.query.toString(),
          host: request.host,
          headers: request.headers,
          body: request.body,
        });
        return { status: answer.status, headers: answer.headers, multiHeaders: answer.multiHeaders, body: answer.body };
      }
      try {
        const found = route(request);
        if (!found) throw apiGatewayErrors.unknownOperation(request.method, request.path);
        const rest = { method: request.method, path: request.path, query: request.query, body: parseBody(request.body), region: request.region, host: request.host };
        const answer = found.handler(model, rest, found.params);
        return json(answer.status, answer.body);
      } catch (error) {
        if (error instanceof AwsError) return errorResponse(error);
        throw error;
      }
    },
    async inspect(request) {
      return inspectApis(model, request);
    },
    async close() {
      stopMetrics();
    },
  };
}
