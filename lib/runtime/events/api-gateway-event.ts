/**
 * An HTTP request turned into the event API Gateway's REST API (payload format 1.0) hands a
 * Lambda proxy integration, so producer handlers take the same event locally as behind API
 * Gateway.
 */
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEvent } from "aws-lambda";

export interface ApiRequest {
  method: string;
  /** The request path, e.g. `/orders`. */
  path: string;
  /** The API's resource template, e.g. `/orders/{id}`; the path by default. */
  resource?: string;
  pathParameters?: Record<string, string>;
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: string | null;
  isBase64Encoded?: boolean;
  stage?: string;
  sourceIp?: string;
}

export function toApiGatewayProxyEvent(request: ApiRequest, context: { accountId: string; apiId: string; now: number }): APIGatewayProxyEvent {
  const headers = request.headers ?? {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) multiValueHeaders[name] = [value];
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.query ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    query[name] = values[values.length - 1];
    multiQuery[name] = values;
  }
  const stage = request.stage ?? "prod";
  const resource = request.resource ?? request.path;
  const now = new Date(context.now);
  return {
    resource,
    path: request.path,
    httpMethod: request.method.toUpperCase(),
    headers,
    multiValueHeaders,
    queryStringParameters: Object.keys(query).length > 0 ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length > 0 ? multiQuery : null,
    pathParameters: request.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      authorizer: undefined,
      domainName: `${context.apiId}.execute-api.amazonaws.com`,
      domainPrefix: context.apiId,
      extendedRequestId: randomUUID(),
      httpMethod: request.method.toUpperCase(),
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
        sourceIp: request.sourceIp ?? "127.0.0.1",
        user: null,
        userAgent: headers["User-Agent"] ?? headers["user-agent"] ?? null,
        userArn: null,
      },
      path: `/${stage}${request.path}`,
      protocol: "HTTP/1.1",
      requestId: randomUUID(),
      requestTime: formatRequestTime(now),
      requestTimeEpoch: now.getTime(),
      resourceId: "local",
      resourcePath: resource,
      stage,
    },
    body: request.body ?? null,
    isBase64Encoded: request.isBase64Encoded ?? false,
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** API Gateway's `requestTime`: `09/Apr/2015:12:34:56 +0000`. */
function formatRequestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
