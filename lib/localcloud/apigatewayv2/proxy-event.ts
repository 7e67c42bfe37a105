/**
 * The event API Gateway hands a Lambda proxy integration of an HTTP API, in payload format 2.0
 * and 1.0 (the REST-proxy shape), from one incoming request. Pure: the caller supplies ids and time.
 */
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from "aws-lambda";

export interface ProxyRequest {
  method: string;
  /** The path as the client sent it below the API (stage prefix included), percent-encoded. */
  rawPath: string;
  /** The query string as sent, without `?`. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  protocol: string;
}

export interface ProxyContext {
  accountId: string;
  apiId: string;
  /** The API's host-style domain (`<apiId>.execute-api.localhost:4790`). */
  domainName: string;
  stage: string;
  routeKey: string;
  /** The matched route's path (`/orders/{id}`), or `$default`. */
  resourcePath: string;
  routeId: string;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
  requestId: string;
  now: number;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `12/Mar/2020:19:03:58 +0000`, as API Gateway writes request times. */
export function requestTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** An id shaped like API Gateway's request ids (`JKJaXmPLvHcESHA=`). */
export function newRequestId(): string {
  return randomBytes(11).toString("base64");
}

/**
 * Bodies API Gateway passes as text; anything else (form posts, images, octet streams) arrives
 * base64-encoded with `isBase64Encoded: true`, as on AWS.
 */
function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(";")[0].trim().toLowerCase();
  return type.startsWith("text/") || /^application\/(json|xml|javascript|ecmascript|graphql|x-ndjson)$/.test(type) || /\+(json|xml)$/.test(type);
}

function encodedBody(request: ProxyRequest): { body?: string; isBase64Encoded: boolean } {
  if (request.body.length === 0) return { isBase64Encoded: false };
  const contentType = headerValue(request.headers["content-type"]);
  const text = request.body.toString("utf8");
  const valid = Buffer.from(text, "utf8").equals(request.body);
  return isTextual(contentType) && valid ? { body: text, isBase64Encoded: false } : { body: request.body.toString("base64"), isBase64Encoded: true };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}

/** Lower-cased request headers as API Gateway forwards them, with the X-Forwarded-* headers it adds. */
function forwardedHeaders(request: ProxyRequest, domainName: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    headers[name.toLowerCase()] = headerValue(value) as string;
  }
  headers.host = domainName;
  headers["x-forwarded-for"] = headers["x-forwarded-for"] ? `${headers["x-forwarded-for"]}, ${request.sourceIp}` : request.sourceIp;
  headers["x-forwarded-port"] = domainName.includes(":") ? domainName.slice(domainName.lastIndexOf(":") + 1) : "80";
  headers["x-forwarded-proto"] = "http";
  headers["x-amzn-trace-id"] ??= `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;
  if (request.body.length > 0) headers["content-length"] = String(request.body.length);
  return headers;
}

/** Query parameters in order of appearance, decoded, every value kept. */
function queryValues(rawQuery: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const list = values.get(name) ?? [];
    list.push(value);
    values.set(name, list);
  }
  return values;
}

export function buildEventV2(request: ProxyRequest, context: ProxyContext): APIGatewayProxyEventV2 {
  const headers = forwardedHeaders(request, context.domainName);
  const cookieHeader = headers.cookie;
  delete headers.cookie;
  const cookies = cookieHeader
    ?.split(/;\s*/)
    .map((c) => c.trim())
    .filter(Boolean);
  const query = queryValues(request.rawQuery);
  const { body, isBase64Encoded } = encodedBody(request);
  const event: APIGatewayProxyEventV2 = {
    version: "2.0",
    routeKey: context.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQuery,
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(query.size > 0 ? { queryStringParameters: Object.fromEntries([...query].map(([k, v]) => [k, v.join(",")])) } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName: context.domainName,
      domainPrefix: context.apiId,
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: context.requestId,
      routeKey: context.routeKey,
      stage: context.stage,
      time: requestTime(context.now),
      timeEpoch: context.now,
    },
    ...(body !== undefined ? { body } : {}),
    ...(Object.keys(context.pathParameters).length > 0 ? { pathParameters: context.pathParameters } : {}),
    isBase64Encoded,
    ...(Object.keys(context.stageVariables).length > 0 ? { stageVariables: context.stageVariables } : {}),
  };
  return event;
}

/** The REST-proxy event shape, with the `version` member HTTP APIs add. */
export type ProxyEventV1 = APIGatewayProxyEvent & { version: "1.0" };

export function buildEventV1(request: ProxyRequest, context: ProxyContext): ProxyEventV1 {
  const headers = forwardedHeaders(request, context.domainName);
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) multiValueHeaders[name] = value.split(",");
  const query = queryValues(request.rawQuery);
  const { body, isBase64Encoded } = encodedBody(request);
  const hasParameters = Object.keys(context.pathParameters).length > 0;
  const hasVariables = Object.keys(context.stageVariables).length > 0;
  return {
    version: "1.0",
    resource: context.resourcePath,
    path: request.rawPath,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: query.size > 0 ? Object.fromEntries([...query].map(([k, v]) => [k, v[v.length - 1]])) : null,
    multiValueQueryStringParameters: query.size > 0 ? Object.fromEntries(query) : null,
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      authorizer: { claims: null, scopes: null },
      domainName: context.domainName,
      domainPrefix: context.apiId,
      extendedRequestId: context.requestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: headers["user-agent"] ?? null,
        userArn: null,
      },
      path: request.rawPath,
      protocol: request.protocol,
      requestId: context.requestId,
      requestTime: requestTime(context.now),
      requestTimeEpoch: context.now,
      resourceId: context.routeKey,
      resourcePath: context.resourcePath,
      stage: context.stage,
    },
    pathParameters: hasParameters ? context.pathParameters : null,
    stageVariables: hasVariables ? context.stageVariables : null,
    body: body ?? null,
    isBase64Encoded,
  };
}
