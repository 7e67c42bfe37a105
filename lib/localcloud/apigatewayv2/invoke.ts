/**
 * Invoke URLs that really answer: a request to `/_aws/execute-api/<apiId>/…` or to the host
 * `<apiId>.execute-api.localhost` is routed as API Gateway routes it (stage, then route), turned
 * into the proxy event, run through `links.lambda.invoke` after the function's resource policy is
 * checked, and the function's answer mapped back. See README.md for the URL forms.
 */
import type { VirtualClock } from "../core/clock";
import { isAwsError } from "../core/errors";
import type { LambdaInvocationResult, Links } from "../core/links";
import { EXECUTE_API_HOST, EXECUTE_API_PATH_PREFIX } from "../router";
import type { ApiMetrics } from "./metrics";
import { DEFAULT_STAGE, type ApiGatewayModel } from "./model";
import { lambdaArnOf } from "./operations";
import { buildEventV1, buildEventV2, newRequestId, type ProxyRequest } from "./proxy-event";
import { gatewayError, internalServerError, mapProxyResponse, type HttpAnswer } from "./proxy-response";
import type { ApiRecord, StageRecord } from "./records";
import { DEFAULT_ROUTE_KEY, matchRoute } from "./route-keys";

export interface InvokeRequest {
  method: string;
  /** The URL path as sent (percent-encoded). */
  path: string;
  rawQuery: string;
  /** The Host the client called. */
  host: string;
  headers: ProxyRequest["headers"];
  body: Buffer;
}

const notFound = (note?: string) => gatewayError(404, "Not Found", note);

/** The API id and the path below it, from the host form or the path form; null when neither. */
export function invokeTargetOf(host: string, path: string): { apiId: string; path: string; port?: string } | null {
  const port = /:(\d+)$/.exec(host)?.[1];
  const byHost = EXECUTE_API_HOST.exec(host);
  if (byHost) return { apiId: byHost[1].toLowerCase(), path: path || "/", port };
  if (!path.startsWith(`${EXECUTE_API_PATH_PREFIX}/`)) return null;
  const rest = path.slice(EXECUTE_API_PATH_PREFIX.length + 1);
  const slash = rest.indexOf("/");
  const apiId = slash === -1 ? rest : rest.slice(0, slash);
  return apiId ? { apiId, path: slash === -1 ? "/" : rest.slice(slash), port } : null;
}

/** API Gateway's stage choice: a first path segment naming a stage, else `$default`. */
function chooseStage(api: ApiRecord, path: string): { stage: StageRecord; pathInStage: string } | null {
  const first = path.split("/")[1] ?? "";
  const named = first && first !== DEFAULT_STAGE ? api.stages.find((s) => s.stageName === decodeSafe(first)) : undefined;
  if (named) return { stage: named, pathInStage: path.slice(first.length + 1) || "/" };
  const fallback = api.stages.find((s) => s.stageName === DEFAULT_STAGE);
  return fallback ? { stage: fallback, pathInStage: path } : null;
}

/** The resource-path part of the execute-api ARN API Gateway invokes with (`POST/orders`, `$default`). */
function sourceArnRoute(routeKey: string, method: string): string {
  if (routeKey === DEFAULT_ROUTE_KEY) return DEFAULT_ROUTE_KEY;
  const [routeMethod, routePath] = routeKey.split(" ");
  return `${routeMethod === "ANY" ? method : routeMethod}/${routePath.slice(1)}`;
}

/** What the metrics need to know of one request, filled in as it is routed. */
interface Trace {
  api?: ApiRecord;
  stage?: string;
  integrationLatencyMs?: number;
}

export interface InvokeDeps {
  model: ApiGatewayModel;
  links: Links;
  metrics: ApiMetrics;
  /** For the integration timeout: real time passing, or a fast-forward. */
  clock: VirtualClock;
}

/** Answers an invoke URL request, and counts it in the API's AWS/ApiGateway metrics. */
export async function invokeApi(deps: InvokeDeps, request: InvokeRequest): Promise<HttpAnswer> {
  const started = performance.now();
  const trace: Trace = {};
  const answer = await answerRequest(deps, request, trace);
  if (trace.api) {
    deps.metrics.record({
      region: trace.api.region,
      apiId: trace.api.apiId,
      stage: trace.stage,
      status: answer.status,
      latencyMs: performance.now() - started,
      integrationLatencyMs: trace.integrationLatencyMs,
      bytes: request.body.length + answer.body.length,
    });
  }
  return answer;
}

async function answerRequest({ model, links, clock }: InvokeDeps, request: InvokeRequest, trace: Trace): Promise<HttpAnswer> {
  const target = invokeTargetOf(request.host, request.path);
  const api = target ? model.findAnywhere(target.apiId) : undefined;
  if (!target || !api) return notFound("No HTTP API has this id.");
  trace.api = api;
  if (api.disableExecuteApiEndpoint) return gatewayError(403, "Forbidden", "The API's default endpoint is disabled (DisableExecuteApiEndpoint).");
  const chosen = chooseStage(api, target.path);
  if (!chosen) return notFound("The path names no stage and the API has no $default stage.");
  const { stage, pathInStage } = chosen;
  trace.stage = stage.stageName;
  const deployment = stage.deploymentId ? api.deployments.find((d) => d.deploymentId === stage.deploymentId) : undefined;
  if (!deployment?.config) return notFound(`Stage ${stage.stageName} has no deployment.`);
  const method = request.method.toUpperCase();
  const matched = matchRoute(deployment.config.routes, method, pathInStage);
  if (!matched) return notFound();
  const integrationId = /^integrations\/(.+)$/.exec(matched.route.target ?? "")?.[1];
  const integration = deployment.config.integrations.find((i) => i.integrationId === integrationId);
  if (!integration) return notFound(`Route ${matched.route.routeKey} has no integration.`);
  if (integration.integrationType !== "AWS_PROXY") return internalServerError("The local cloud runs AWS_PROXY (Lambda) integrations only.");
  const functionArn = lambdaArnOf(integration.integrationUri ?? "");
  const lambda = links.lambda;
  if (!functionArn || !lambda) return internalServerError(lambda ? "The integration names no Lambda function." : "Lambda is not running in this local cloud.");
  const functionRegion = functionArn.split(":")[3];

  const routePath = matched.route.routeKey === DEFAULT_ROUTE_KEY ? DEFAULT_ROUTE_KEY : matched.route.routeKey.split(" ")[1];
  const sourceArn = `arn:aws:execute-api:${api.region}:${model.accountId}:${api.apiId}/${stage.stageName}/${sourceArnRoute(matched.route.routeKey, method)}`;
  // With credentialsArn API Gateway assumes that role (roles are not evaluated here); without, the function's resource policy must allow it.
  if (!integration.credentialsArn && !lambda.allowsInvoke(functionRegion, functionArn, "apigateway.amazonaws.com", sourceArn)) {
    return internalServerError(`The function's resource policy does not let apigateway.amazonaws.com invoke it for ${sourceArn} (lambda add-permission).`);
  }

  const now = model.now();
  const domainName = `${api.apiId}.execute-api.localhost${target.port ? `:${target.port}` : ""}`;
  const proxyRequest: ProxyRequest = {
    method,
    rawPath: target.path,
    rawQuery: request.rawQuery,
    headers: request.headers,
    body: request.body,
    sourceIp: "127.0.0.1",
    protocol: "HTTP/1.1",
  };
  const context = {
    accountId: model.accountId,
    apiId: api.apiId,
    domainName,
    stage: stage.stageName,
    routeKey: matched.route.routeKey,
    resourcePath: routePath,
    routeId: matched.route.routeId,
    pathParameters: matched.pathParameters,
    stageVariables: stage.stageVariables,
    requestId: newRequestId(),
    now,
  };
  const event = integration.payloadFormatVersion === "2.0" ? buildEventV2(proxyRequest, context) : buildEventV1(proxyRequest, context);
  let answer: HttpAnswer;
  const calledAt = performance.now();
  let timer: { cancel(): void } | undefined;
  // Past the integration's timeout API Gateway answers 503; the function itself runs on to its own end.
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = clock.after(integration.timeoutInMillis, () => resolve("timeout"));
  });
  const invocation = lambda.invoke(functionRegion, functionArn, JSON.stringify(event));
  // A late failure, after the 503 was sent, is nobody's to handle.
  invocation.catch(() => undefined);
  try {
    const result: LambdaInvocationResult | "timeout" = await Promise.race([invocation, timedOut]);
    trace.integrationLatencyMs = performance.now() - calledAt;
    if (result === "timeout") answer = gatewayError(503, "Service Unavailable", `The integration did not answer within ${integration.timeoutInMillis} ms (TimeoutInMillis).`);
    else if (result.functionError) answer = internalServerError(`The function failed: ${firstLine(result.payload)}`);
    else answer = mapProxyResponse(integration.payloadFormatVersion, result.payload);
  } catch (error) {
    if (!isAwsError(error)) throw error;
    answer = internalServerError(`Lambda answered ${error.code}: ${error.message}`);
  } finally {
    timer?.cancel();
  }
  answer.headers["apigw-requestid"] = context.requestId;
  return answer;
}

function firstLine(payload: string): string {
  try {
    const parsed = JSON.parse(payload) as { errorType?: string; errorMessage?: string };
    return `${parsed.errorType ?? "Error"}: ${parsed.errorMessage ?? ""}`.replace(/[\r\n]+/g, " ").slice(0, 200);
  } catch {
    return payload.slice(0, 200).replace(/[\r\n]+/g, " ");
  }
}

function decodeSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
