/**
 * Helpers shared by the API Gateway tests: one echo function whose answer a query parameter
 * picks, the permission API Gateway needs, and calls to invoke URLs in the path form and the host
 * form (a Host header, as curl sends for `*.localhost`).
 */
import http from "node:http";
import { AddPermissionCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { LocalCloud } from "../index";
import { deployFunction, handlerZip, lambdaRole } from "../lambda/test-support";
import { uniqueName } from "../test/harness";

/**
 * `?mode=` picks the answer: `throw`, `slow` (300 ms), `plain` (an object without statusCode), `string`, `cookies`,
 * `binary`, `multi` (1.0's multiValueHeaders); otherwise the event itself as a JSON body.
 */
export const ECHO_HANDLER = `
const query = event.queryStringParameters || {};
switch (query.mode) {
  case "throw": throw new Error("boom");
  case "slow": await new Promise((resolve) => setTimeout(resolve, 300)); return "late";
  case "plain": return { hello: "world" };
  case "string": return "Hello from Lambda!";
  case "cookies": return { statusCode: 201, headers: { "X-Custom": "yes" }, cookies: ["a=1; Path=/", "b=2"], body: "created" };
  case "binary": return { statusCode: 200, headers: { "content-type": "application/octet-stream" }, body: Buffer.from([0, 1, 2, 255]).toString("base64"), isBase64Encoded: true };
  case "multi": return { statusCode: 200, multiValueHeaders: { "X-Multi": ["a", "b"] }, body: "ok" };
  default: return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(event) };
}`;

export async function deployEcho(bed: { cloud: LocalCloud; lambda: LambdaClient; iam: IAMClient }): Promise<{ name: string; arn: string }> {
  const name = await deployFunction(bed, await lambdaRole(bed.iam), handlerZip(ECHO_HANDLER), { FunctionName: uniqueName("echo") });
  return { name, arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}` };
}

/** Lets API Gateway invoke `functionName` for `sourceArn` (`arn:aws:execute-api:…:<apiId>/*` by default). */
export async function allowApiGateway(lambda: LambdaClient, functionName: string, sourceArn: string): Promise<void> {
  await lambda.send(
    new AddPermissionCommand({ FunctionName: functionName, StatementId: uniqueName("apigw"), Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com", SourceArn: sourceArn }),
  );
}

export const executeApiArn = (apiId: string, rest = "*") => `arn:aws:execute-api:us-east-1:000000000000:${apiId}/${rest}`;

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** A request to the path-form invoke URL `<endpoint>/_aws/execute-api/<apiId><path>`. */
export async function callApi(cloud: LocalCloud, apiId: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return rawCall(cloud.port, `/_aws/execute-api/${apiId}${path}`, init);
}

/** A request to the host-form invoke URL `http://<apiId>.execute-api.localhost:<port><path>`. */
export async function callApiByHost(cloud: LocalCloud, apiId: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return rawCall(cloud.port, path, { ...init, headers: { host: `${apiId}.execute-api.localhost:${cloud.port}`, ...init.headers } });
}

function rawCall(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, method: init.method ?? "GET", headers: init.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, text: body.toString("utf8") });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(init.body);
  });
}
