/**
 * API Gateway HTTP APIs (`apigatewayv2`) on the local cloud: the REST-JSON control plane under
 * `/v2/apis` and `/v2/tags`, and invoke URLs that run the Lambda integrations. See README.md.
 */
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule } from "../core/service";
import { restJson, restJsonBody, restJsonError } from "../protocol/rest-json";
import { EXECUTE_API_OPERATION, EXECUTE_API_PATH_PREFIX } from "../router";
import { inspectApis } from "./inspect";
import { invokeApi } from "./invoke";
import { ApiMetrics } from "./metrics";
import { ApiGatewayModel } from "./model";
import { route } from "./operations";
import { apiGatewayErrors } from "./errors";

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
        const rest = { method: request.method, path: request.path, query: request.query, body: restJsonBody(request.body, (problem) => apiGatewayErrors.badRequest(problem === "not JSON" ? "Invalid request body: it is not valid JSON." : "Invalid request body: it must be a JSON object.")), region: request.region, host: request.host };
        const answer = found.handler(model, rest, found.params);
        return restJson(answer.status, answer.body);
      } catch (error) {
        if (error instanceof AwsError) return restJsonError(error);
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
