/**
 * Side-effect-free inspection: `GET /_localcloud/apigatewayv2/apis?region=` lists each HTTP API
 * with its invoke URL, stages (and what they have deployed), routes and integrations.
 */
import { AwsError } from "../core/errors";
import type { InspectRequest } from "../core/service";
import { DEFAULT_REGION } from "../router";
import type { ApiGatewayModel } from "./model";
import { apiEndpointOf } from "./operations";

export function inspectApis(model: ApiGatewayModel, request: InspectRequest): unknown {
  if (request.method === "GET" && request.subpath === "apis") {
    const region = request.query.get("region") || DEFAULT_REGION;
    return {
      region,
      apis: model.list(region).map((api) => ({
        apiId: api.apiId,
        name: api.name,
        invokeUrl: apiEndpointOf(request.host ?? "127.0.0.1:4790", api.apiId),
        stages: api.stages.map((s) => ({ stageName: s.stageName, autoDeploy: s.autoDeploy, deploymentId: s.deploymentId ?? null })),
        routes: api.routes.map((r) => ({ routeId: r.routeId, routeKey: r.routeKey, target: r.target ?? null })),
        integrations: api.integrations.map((i) => ({
          integrationId: i.integrationId,
          integrationType: i.integrationType,
          integrationUri: i.integrationUri ?? null,
          payloadFormatVersion: i.payloadFormatVersion,
        })),
      })),
    };
  }
  throw new AwsError("NotFound", `No inspection route ${request.method} /_localcloud/apigatewayv2/${request.subpath}.`, { status: 404 });
}
