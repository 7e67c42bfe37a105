import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { awsCliAvailable, awsCliSkipReason, runAwsCli } from "../test/aws-cli";
import { cloudForTests } from "../test/test-bed";
import { deployEcho } from "./test-support";

const run = promisify(execFile);
const curlAvailable = fs.existsSync("/usr/bin/curl");
const skip = !awsCliAvailable || !curlAvailable;
const skipReason = awsCliSkipReason || (curlAvailable ? "" : " (skipped: /usr/bin/curl not installed)");

/** curl's status line and body (`-i` would mix headers in; `-w` appends the status). */
async function curl(...args: string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await run("/usr/bin/curl", ["-s", "-w", "\n%{http_code}", ...args]);
  const cut = stdout.lastIndexOf("\n");
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

describe("Debian's AWS CLI and curl against API Gateway HTTP APIs", () => {
  const bed = cloudForTests({ lambda: LambdaClient, iam: IAMClient });
  const aws = (...args: string[]) => runAwsCli(bed.cloud.endpoint, args);
  let echo = { name: "", arn: "" };
  beforeAll(async () => {
    echo = await deployEcho(bed);
  }, 30_000);

  it.skipIf(skip)(`quick-creates an API, grants it the function, and curl gets the function's answer${skipReason}`, async () => {
    const api = (await aws("apigatewayv2", "create-api", "--name", "cli-orders", "--protocol-type", "HTTP", "--target", echo.arn, "--tags", "lab=api")) as {
      ApiId: string;
      ApiEndpoint: string;
    };
    expect(api.ApiEndpoint).toBe(`${bed.cloud.endpoint}/_aws/execute-api/${api.ApiId}`);
    const denied = await curl(`${api.ApiEndpoint}/orders`);
    expect(denied).toEqual({ status: 500, body: '{"message":"Internal Server Error"}' });

    await aws(
      "lambda", "add-permission", "--function-name", echo.name, "--statement-id", "apigw", "--action", "lambda:InvokeFunction",
      "--principal", "apigateway.amazonaws.com", "--source-arn", `arn:aws:execute-api:us-east-1:000000000000:${api.ApiId}/*/$default`,
    );
    const posted = await curl(`${api.ApiEndpoint}/orders?source=cli`, "-H", "Content-Type: application/json", "-d", '{"customerName":"Alice","amount":1499}');
    expect(posted.status).toBe(200);
    expect(JSON.parse(posted.body)).toMatchObject({ routeKey: "$default", rawPath: "/orders", body: '{"customerName":"Alice","amount":1499}', requestContext: { http: { method: "POST" } } });
    const byHost = await curl(`http://${api.ApiId}.execute-api.localhost:${bed.cloud.port}/orders?mode=plain`);
    expect(byHost).toEqual({ status: 200, body: '{"hello":"world"}' });

    const stages = (await aws("apigatewayv2", "get-stages", "--api-id", api.ApiId)) as { Items: Array<{ StageName: string; AutoDeploy: boolean }> };
    expect(stages.Items.map((s) => [s.StageName, s.AutoDeploy])).toEqual([["$default", true]]);
    await aws("apigatewayv2", "delete-api", "--api-id", api.ApiId);
    expect(await curl(`${api.ApiEndpoint}/orders`)).toEqual({ status: 404, body: '{"message":"Not Found"}' });
    await expect(aws("apigatewayv2", "get-api", "--api-id", api.ApiId)).rejects.toThrow(`Invalid API identifier specified 000000000000:${api.ApiId}`);
  }, 60_000);
});
