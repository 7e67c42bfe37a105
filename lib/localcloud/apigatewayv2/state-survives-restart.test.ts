import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ApiGatewayV2Client, CreateApiCommand, CreateRouteCommand, CreateStageCommand, GetApisCommand, GetRoutesCommand, GetStageCommand, GetTagsCommand } from "@aws-sdk/client-apigatewayv2";
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { afterAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { clientConfig, startTestCloud } from "../test/harness";
import { allowApiGateway, callApi, deployEcho, executeApiArn } from "./test-support";

describe("HTTP APIs across a restart", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "apigatewayv2-restart-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const clients = (cloud: LocalCloud) => ({ apigw: new ApiGatewayV2Client(clientConfig(cloud)), lambda: new LambdaClient(clientConfig(cloud)), iam: new IAMClient(clientConfig(cloud)) });

  it("keeps APIs, routes, stages with their deployments and tags, and the invoke URL still runs the function", async () => {
    const first = await startTestCloud({ dataDir, flushIntervalMs: 10 });
    const a = clients(first);
    const echo = await deployEcho({ cloud: first, ...a });
    const api = await a.apigw.send(new CreateApiCommand({ Name: "kept", ProtocolType: "HTTP", Target: echo.arn, Tags: { lab: "api" } }));
    const ApiId = api.ApiId as string;
    await a.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "GET /orders/{id}", Target: (await a.apigw.send(new GetRoutesCommand({ ApiId }))).Items?.[0].Target }));
    await a.apigw.send(new CreateStageCommand({ ApiId, StageName: "prod", StageVariables: { table: "Orders" } }));
    await allowApiGateway(a.lambda, echo.name, executeApiArn(ApiId));
    const deployed = (await a.apigw.send(new GetStageCommand({ ApiId, StageName: "$default" }))).DeploymentId;
    expect((await callApi(first, ApiId, "/orders/1")).status).toBe(200);
    Object.values(a).forEach((client) => client.destroy());
    await first.close();

    const second = await startTestCloud({ dataDir });
    const b = clients(second);
    try {
      expect((await b.apigw.send(new GetApisCommand({}))).Items?.map((i) => [i.ApiId, i.Name])).toEqual([[ApiId, "kept"]]);
      expect((await b.apigw.send(new GetRoutesCommand({ ApiId }))).Items?.map((r) => r.RouteKey).sort()).toEqual(["$default", "GET /orders/{id}"]);
      expect((await b.apigw.send(new GetStageCommand({ ApiId, StageName: "$default" }))).DeploymentId).toBe(deployed);
      expect((await b.apigw.send(new GetStageCommand({ ApiId, StageName: "prod" }))).StageVariables).toEqual({ table: "Orders" });
      expect((await b.apigw.send(new GetTagsCommand({ ResourceArn: `arn:aws:apigateway:us-east-1::/apis/${ApiId}` }))).Tags).toEqual({ lab: "api" });
      const answer = await callApi(second, ApiId, "/orders/2");
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ routeKey: "GET /orders/{id}", pathParameters: { id: "2" } });
    } finally {
      Object.values(b).forEach((client) => client.destroy());
      await second.close();
    }
  }, 60_000);
});
