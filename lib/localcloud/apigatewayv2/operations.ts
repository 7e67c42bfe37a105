/**
 * API Gateway v2's REST-JSON control plane for HTTP APIs: which operation a method and path are,
 * the input checks AWS makes, and each answer in the SDK's output shape (camelCase members, ISO
 * 8601 dates). `apiEndpoint` is this local cloud's invoke URL for the API (README.md).
 */
import type {
  Api,
  CreateDeploymentResponse,
  GetApisResponse,
  GetDeploymentsResponse,
  GetIntegrationsResponse,
  GetRoutesResponse,
  GetStagesResponse,
  GetTagsResponse,
  Integration,
  Route,
  Stage,
} from "@aws-sdk/client-apigatewayv2";
import { apiGatewayErrors } from "./errors";
import type { ApiGatewayModel, ApiInput, IntegrationInput, QuickCreate, RouteInput } from "./model";
import type { ApiRecord, DeploymentRecord, IntegrationRecord, IntegrationType, RouteRecord, StageRecord } from "./records";
import { isoSeconds, type CamelWire } from "./wire";

export type JsonObject = Record<string, unknown>;

export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: JsonObject;
  region: string;
  /** The Host the client called, for `apiEndpoint`. */
  host: string;
}

export interface RestAnswer {
  status: number;
  body?: unknown;
}

type Handler = (model: ApiGatewayModel, request: RestRequest, params: string[]) => RestAnswer;

/** The path-style invoke URL of an API on the host the client called (README.md). */
export function apiEndpointOf(host: string, apiId: string): string {
  return `http://${host}/_aws/execute-api/${apiId}`;
}

// Output shapes

function apiOut(api: ApiRecord, host: string): CamelWire<Api> {
  return {
    apiId: api.apiId,
    apiEndpoint: apiEndpointOf(host, api.apiId),
    apiKeySelectionExpression: api.apiKeySelectionExpression,
    corsConfiguration: api.corsConfiguration,
    createdDate: isoSeconds(api.createdAt),
    description: api.description,
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
    disableSchemaValidation: api.disableSchemaValidation,
    name: api.name,
    protocolType: api.protocolType,
    routeSelectionExpression: api.routeSelectionExpression,
    tags: api.tags,
    version: api.version,
  };
}

function integrationOut(integration: IntegrationRecord): CamelWire<Integration> {
  const { apiGatewayManaged, ...rest } = integration;
  return { ...rest, ...(apiGatewayManaged ? { apiGatewayManaged } : {}) };
}

function routeOut(route: RouteRecord): CamelWire<Route> {
  const { apiGatewayManaged, ...rest } = route;
  return { ...rest, ...(apiGatewayManaged ? { apiGatewayManaged } : {}) };
}

function stageOut(stage: StageRecord): CamelWire<Stage> {
  return {
    stageName: stage.stageName,
    autoDeploy: stage.autoDeploy,
    deploymentId: stage.deploymentId,
    description: stage.description,
    createdDate: isoSeconds(stage.createdAt),
    lastUpdatedDate: isoSeconds(stage.lastUpdatedAt),
    lastDeploymentStatusMessage: stage.lastDeploymentStatusMessage,
    defaultRouteSettings: { detailedMetricsEnabled: false },
    routeSettings: {},
    stageVariables: stage.stageVariables,
    tags: stage.tags,
    ...(stage.apiGatewayManaged ? { apiGatewayManaged: true } : {}),
  };
}

function deploymentOut(deployment: DeploymentRecord): CamelWire<CreateDeploymentResponse> {
  return {
    deploymentId: deployment.deploymentId,
    deploymentStatus: "DEPLOYED",
    createdDate: isoSeconds(deployment.createdAt),
    description: deployment.description,
    autoDeployed: deployment.autoDeployed,
  };
}

// Input checks

function str(body: JsonObject, member: string, limits: { min?: number; max?: number } = {}): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw apiGatewayErrors.badRequest(`Invalid input: ${member} must be a string.`);
  if (limits.min !== undefined && value.length < limits.min) throw apiGatewayErrors.badRequest(`Invalid input: ${member} must be at least ${limits.min} characters long.`);
  if (limits.max !== undefined && value.length > limits.max) throw apiGatewayErrors.badRequest(`Invalid input: ${member} must be at most ${limits.max} characters long.`);
  return value;
}

function required(body: JsonObject, member: string, limits: { min?: number; max?: number } = { min: 1 }): string {
  const value = str(body, member, limits);
  if (value === undefined) throw apiGatewayErrors.badRequest(`Invalid input: ${member} is required.`);
  return value;
}

function bool(body: JsonObject, member: string): boolean | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw apiGatewayErrors.badRequest(`Invalid input: ${member} must be a boolean.`);
  return value;
}

function stringMap(body: JsonObject, member: string): Record<string, string> | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value) || Object.values(value).some((v) => typeof v !== "string")) {
    throw apiGatewayErrors.badRequest(`Invalid input: ${member} must be a map of strings.`);
  }
  return { ...(value as Record<string, string>) };
}

function tagsOf(body: JsonObject): Record<string, string> {
  const tags = stringMap(body, "tags") ?? {};
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128 || value.length > 256 || key.startsWith("aws:")) throw apiGatewayErrors.badRequest(`Invalid tag: ${key}.`);
  }
  return tags;
}

function apiInput(body: JsonObject): Partial<ApiInput> {
  const cors = body.corsConfiguration;
  if (cors !== undefined && cors !== null && (typeof cors !== "object" || Array.isArray(cors))) throw apiGatewayErrors.badRequest("Invalid input: corsConfiguration must be an object.");
  return {
    name: str(body, "name", { min: 1, max: 128 }),
    description: str(body, "description", { max: 1024 }),
    version: str(body, "version", { min: 1, max: 64 }),
    routeSelectionExpression: str(body, "routeSelectionExpression"),
    apiKeySelectionExpression: str(body, "apiKeySelectionExpression"),
    disableExecuteApiEndpoint: bool(body, "disableExecuteApiEndpoint"),
    disableSchemaValidation: bool(body, "disableSchemaValidation"),
    corsConfiguration: (cors ?? undefined) as Record<string, unknown> | undefined,
  };
}

function quickCreate(body: JsonObject): Partial<QuickCreate> {
  const target = str(body, "target", { min: 1, max: 2048 });
  if (target !== undefined) checkIntegrationUri(/^https?:\/\//.test(target) ? "HTTP_PROXY" : "AWS_PROXY", target);
  return { target, routeKey: str(body, "routeKey"), credentialsArn: str(body, "credentialsArn") };
}

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;
const LAMBDA_INVOCATION_URI = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/** The Lambda function ARN an AWS_PROXY integration calls (a function ARN, or the `…:lambda:path/…/invocations` form). */
export function lambdaArnOf(integrationUri: string): string | undefined {
  const inner = LAMBDA_INVOCATION_URI.exec(integrationUri)?.[1] ?? integrationUri;
  return LAMBDA_ARN.test(inner) ? inner : undefined;
}

function checkIntegrationUri(type: IntegrationType, uri: string): void {
  if (type === "AWS_PROXY" && !lambdaArnOf(uri)) {
    throw apiGatewayErrors.badRequest(`Invalid integration URI specified: ${uri}. An AWS_PROXY integration's URI must be a Lambda function ARN.`);
  }
  if (type === "HTTP_PROXY" && !/^https?:\/\/\S+$/.test(uri)) throw apiGatewayErrors.badRequest(`Invalid HTTP endpoint specified for URI: ${uri}.`);
}

function integrationInput(body: JsonObject, existing?: IntegrationRecord): Partial<IntegrationInput> {
  const type = str(body, "integrationType");
  if (type !== undefined && type !== "AWS_PROXY" && type !== "HTTP_PROXY") {
    throw apiGatewayErrors.badRequest(
      type === "AWS" || type === "HTTP" || type === "MOCK"
        ? `Integration type ${type} is supported only for WebSocket APIs; HTTP APIs take AWS_PROXY or HTTP_PROXY.`
        : `Invalid integration type specified: ${type}. Must be one of [AWS_PROXY, HTTP_PROXY].`,
    );
  }
  if (body.integrationSubtype !== undefined) {
    throw apiGatewayErrors.badRequest("The local cloud does not run AWS service integrations (IntegrationSubtype); use an AWS_PROXY integration to a Lambda function.");
  }
  const payload = str(body, "payloadFormatVersion");
  if (payload !== undefined && payload !== "1.0" && payload !== "2.0") throw apiGatewayErrors.badRequest(`Invalid payload format version specified: ${payload}. Must be one of [1.0, 2.0].`);
  const timeout = body.timeoutInMillis;
  if (timeout !== undefined && (typeof timeout !== "number" || !Number.isInteger(timeout) || timeout < 50 || timeout > 30000)) {
    throw apiGatewayErrors.badRequest("Invalid input: timeoutInMillis must be between 50 and 30000.");
  }
  const uri = str(body, "integrationUri", { min: 1, max: 2048 });
  const effectiveType = (type ?? existing?.integrationType) as IntegrationType | undefined;
  if (uri !== undefined && effectiveType) checkIntegrationUri(effectiveType, uri);
  const connectionType = str(body, "connectionType");
  if (connectionType !== undefined && connectionType !== "INTERNET") throw apiGatewayErrors.badRequest("The local cloud has no VPC links: connectionType must be INTERNET.");
  return {
    integrationType: effectiveType,
    integrationUri: uri,
    integrationMethod: str(body, "integrationMethod"),
    payloadFormatVersion: payload as "1.0" | "2.0" | undefined,
    timeoutInMillis: timeout as number | undefined,
    credentialsArn: str(body, "credentialsArn"),
    description: str(body, "description", { max: 1024 }),
    requestParameters: stringMap(body, "requestParameters"),
  };
}

function routeInput(body: JsonObject): Partial<RouteInput> {
  const authorizationType = str(body, "authorizationType");
  if (authorizationType !== undefined && authorizationType !== "NONE" && authorizationType !== "AWS_IAM") {
    throw apiGatewayErrors.badRequest(`The local cloud does not run authorizers: authorizationType ${authorizationType} is not supported (NONE or AWS_IAM).`);
  }
  return {
    routeKey: str(body, "routeKey"),
    target: str(body, "target"),
    authorizationType: authorizationType as "NONE" | "AWS_IAM" | undefined,
    apiKeyRequired: bool(body, "apiKeyRequired"),
    operationName: str(body, "operationName", { min: 1, max: 64 }),
  };
}

/** GetApis / GetRoutes / …: `maxResults` and an opaque `nextToken` (the index to resume at). */
function page<T>(items: T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
  const max = query.get("maxResults");
  const limit = max === null ? items.length || 1 : Number(max);
  if (!Number.isInteger(limit) || limit < 1) throw apiGatewayErrors.badRequest("Invalid input: maxResults must be a positive integer.");
  const token = query.get("nextToken");
  const start = token === null ? 0 : Number(Buffer.from(token, "base64").toString("utf8"));
  if (!Number.isInteger(start) || start < 0) throw apiGatewayErrors.badRequest("Invalid input: nextToken is not valid.");
  const slice = items.slice(start, start + limit);
  const next = start + limit < items.length ? Buffer.from(String(start + limit)).toString("base64") : undefined;
  return { items: slice, nextToken: next };
}

const created = (body: unknown): RestAnswer => ({ status: 201, body });
const ok = (body: unknown): RestAnswer => ({ status: 200, body });
const noContent: RestAnswer = { status: 204 };

const API = "\\/v2\\/apis\\/([^/]+)";
const routes: Array<{ method: string; pattern: RegExp; handler: Handler }> = [
  {
    method: "POST",
    pattern: /^\/v2\/apis\/?$/,
    handler(model, { body, region, host }) {
      const name = required(body, "name", { min: 1, max: 128 });
      const protocolType = required(body, "protocolType");
      if (protocolType === "WEBSOCKET") throw apiGatewayErrors.badRequest("The local cloud serves HTTP APIs only; WebSocket APIs are not supported.");
      if (protocolType !== "HTTP") throw apiGatewayErrors.badRequest("Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]");
      const input = apiInput(body);
      const quick = quickCreate(body);
      if (quick.target === undefined && (quick.routeKey !== undefined || quick.credentialsArn !== undefined)) {
        throw apiGatewayErrors.badRequest("RouteKey and CredentialsArn are part of quick create and need a Target.");
      }
      const api = model.createApi(
        region,
        {
          ...input,
          name,
          routeSelectionExpression: input.routeSelectionExpression ?? "$request.method $request.path",
          apiKeySelectionExpression: input.apiKeySelectionExpression ?? "$request.header.x-api-key",
          disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
        },
        tagsOf(body),
        quick.target === undefined ? undefined : { target: quick.target, routeKey: quick.routeKey, credentialsArn: quick.credentialsArn },
      );
      return created(apiOut(api, host));
    },
  },
  {
    method: "GET",
    pattern: /^\/v2\/apis\/?$/,
    handler(model, { query, region, host }) {
      const { items, nextToken } = page(model.list(region), query);
      const answer: CamelWire<GetApisResponse> = { items: items.map((api) => apiOut(api, host)), nextToken };
      return ok(answer);
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${API}$`),
    handler: (model, { region, host }, [apiId]) => ok(apiOut(model.require(region, apiId), host)),
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^${API}$`),
    handler(model, { body, region, host }, [apiId]) {
      return ok(apiOut(model.updateApi(region, apiId, apiInput(body), quickCreate(body)), host));
    },
  },
  {
    method: "DELETE",
    pattern: new RegExp(`^${API}$`),
    handler(model, { region }, [apiId]) {
      model.deleteApi(region, apiId);
      return noContent;
    },
  },
  // Integrations
  {
    method: "POST",
    pattern: new RegExp(`^${API}/integrations$`),
    handler(model, { body, region }, [apiId]) {
      const api = model.require(region, apiId);
      const input = integrationInput(body);
      if (!input.integrationType) throw apiGatewayErrors.badRequest("Invalid input: integrationType is required.");
      if (!input.integrationUri) throw apiGatewayErrors.badRequest(`Invalid input: integrationUri is required for ${input.integrationType} integrations.`);
      const integration = model.createIntegration(api, {
        ...input,
        integrationType: input.integrationType,
        integrationUri: input.integrationUri,
        integrationMethod: input.integrationMethod ?? (input.integrationType === "AWS_PROXY" ? "POST" : "ANY"),
        payloadFormatVersion: input.payloadFormatVersion ?? "1.0",
        connectionType: "INTERNET",
        timeoutInMillis: input.timeoutInMillis ?? 30000,
      });
      return created(integrationOut(integration));
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${API}/integrations$`),
    handler(model, { query, region }, [apiId]) {
      const { items, nextToken } = page(model.require(region, apiId).integrations, query);
      const answer: CamelWire<GetIntegrationsResponse> = { items: items.map(integrationOut), nextToken };
      return ok(answer);
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${API}/integrations/([^/]+)$`),
    handler: (model, { region }, [apiId, id]) => ok(integrationOut(model.requireIntegration(model.require(region, apiId), id))),
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^${API}/integrations/([^/]+)$`),
    handler(model, { body, region }, [apiId, id]) {
      const api = model.require(region, apiId);
      const change = integrationInput(body, model.requireIntegration(api, id));
      return ok(integrationOut(model.updateIntegration(api, id, change)));
    },
  },
  {
    method: "DELETE",
    pattern: new RegExp(`^${API}/integrations/([^/]+)$`),
    handler(model, { region }, [apiId, id]) {
      model.deleteIntegration(model.require(region, apiId), id);
      return noContent;
    },
  },
  // Routes
  {
    method: "POST",
    pattern: new RegExp(`^${API}/routes$`),
    handler(model, { body, region }, [apiId]) {
      const api = model.require(region, apiId);
      const input = routeInput(body);
      if (input.routeKey === undefined) throw apiGatewayErrors.badRequest("Invalid input: routeKey is required.");
      const route = model.createRoute(api, {
        ...input,
        routeKey: input.routeKey,
        authorizationType: input.authorizationType ?? "NONE",
        apiKeyRequired: input.apiKeyRequired ?? false,
      });
      return created(routeOut(route));
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${API}/routes$`),
    handler(model, { query, region }, [apiId]) {
      const { items, nextToken } = page(model.require(region, apiId).routes, query);
      const answer: CamelWire<GetRoutesResponse> = { items: items.map(routeOut), nextToken };
      return ok(answer);
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${API}/routes/([^/]+)$`),
    handler: (model, { region }, [apiId, id]) => ok(routeOut(model.requireRoute(model.require(region, apiId), id))),
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^${API}/routes/([^/]+)$`),
    handler: (model, { body, region }, [apiId, id]) => ok(routeOut(model.updateRoute(model.require(region, apiId), id, routeInput(body)))),
  },
  {
    method: "DELETE",
    pattern: new RegExp(`^${API}/routes/([^/]+)$`),
    handler(model, { region }, [apiId, id]) {
      model.deleteRoute(model.require(region, apiId), id);
      return noContent;
    },
  },
  // Stages
  {
    method: "POST",
    pattern: new RegExp(`^${API}/stages$`),
    handler(model, { body, region }, [apiId]) {
      const api = model.require(region, apiId);
      const stageName = required(body, "stageName", { min: 1, max: 128 });
      if (stageName !== "$default" && !/^[A-Za-z0-9_-]+$/.test(stageName)) {
        throw apiGatewayErrors.badRequest("Stage name only allows a-zA-Z0-9_- or $default.");
      }
      const stage = model.createStage(api, {
        stageName,
        autoDeploy: bool(body, "autoDeploy") ?? false,
        deploymentId: str(body, "deploymentId"),
        description: str(body, "description", { max: 1024 }),
        stageVariables: stringMap(body, "stageVariables") ?? {},
        tags: tagsOf(body),
      });
      return created(stageOut(stage));
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${API}/stages$`),
    handler(model, { query, region }, [apiId]) {
      const { items, nextToken } = page(model.require(region, apiId).stages, query);
      const answer: CamelWire<GetStagesResponse> = { items: items.map(stageOut), nextToken };
      return ok(answer);
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${API}/stages/([^/]+)$`),
    handler: (model, { region }, [apiId, name]) => ok(stageOut(model.requireStage(model.require(region, apiId), name))),
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^${API}/stages/([^/]+)$`),
    handler(model, { body, region }, [apiId, name]) {
      const stage = model.updateStage(model.require(region, apiId), name, {
        autoDeploy: bool(body, "autoDeploy"),
        deploymentId: str(body, "deploymentId"),
        description: str(body, "description", { max: 1024 }),
        stageVariables: stringMap(body, "stageVariables"),
      });
      return ok(stageOut(stage));
    },
  },
  {
    method: "DELETE",
    pattern: new RegExp(`^${API}/stages/([^/]+)$`),
    handler(model, { region }, [apiId, name]) {
      model.deleteStage(model.require(region, apiId), name);
      return noContent;
    },
  },
  // Deployments
  {
    method: "POST",
    pattern: new RegExp(`^${API}/deployments$`),
    handler(model, { body, region }, [apiId]) {
      const api = model.require(region, apiId);
      return created(deploymentOut(model.createDeployment(api, str(body, "stageName"), str(body, "description", { max: 1024 }))));
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${API}/deployments$`),
    handler(model, { query, region }, [apiId]) {
      const { items, nextToken } = page(model.require(region, apiId).deployments, query);
      const answer: CamelWire<GetDeploymentsResponse> = { items: items.map(deploymentOut), nextToken };
      return ok(answer);
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${API}/deployments/([^/]+)$`),
    handler: (model, { region }, [apiId, id]) => ok(deploymentOut(model.requireDeployment(model.require(region, apiId), id))),
  },
  {
    method: "DELETE",
    pattern: new RegExp(`^${API}/deployments/([^/]+)$`),
    handler(model, { region }, [apiId, id]) {
      model.deleteDeployment(model.require(region, apiId), id);
      return noContent;
    },
  },
  // Tags
  {
    method: "GET",
    pattern: /^\/v2\/tags\/(.+)$/,
    handler(model, _request, [arn]) {
      const { api, stage } = model.taggable(arn);
      const answer: CamelWire<GetTagsResponse> = { tags: { ...(stage ?? api).tags } };
      return ok(answer);
    },
  },
  {
    method: "POST",
    pattern: /^\/v2\/tags\/(.+)$/,
    handler(model, { body }, [arn]) {
      model.tag(arn, tagsOf(body));
      return created({});
    },
  },
  {
    method: "DELETE",
    pattern: /^\/v2\/tags\/(.+)$/,
    handler(model, { query }, [arn]) {
      const keys = query.getAll("tagKeys");
      if (keys.length === 0) throw apiGatewayErrors.badRequest("Invalid input: tagKeys is required.");
      model.untag(arn, keys);
      return noContent;
    },
  },
];

export function route(request: Pick<RestRequest, "method" | "path">): { handler: Handler; params: string[] } | null {
  for (const candidate of routes) {
    if (candidate.method !== request.method) continue;
    const match = candidate.pattern.exec(request.path);
    if (match) return { handler: candidate.handler, params: match.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return null;
}
