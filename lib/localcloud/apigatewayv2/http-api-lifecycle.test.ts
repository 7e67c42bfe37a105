import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  DeleteStageCommand,
  GetApiCommand,
  GetApisCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetStagesCommand,
  GetTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApiCommand,
  UpdateRouteCommand,
} from "@aws-sdk/client-apigatewayv2";
import { describe, expect, it } from "vitest";
import { cloudForTests } from "../test/test-bed";

const bed = cloudForTests({ apigw: ApiGatewayV2Client }, { clients: { maxAttempts: 1 } });
const FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:orders";
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => "succeeded",
    (e: Error & { $metadata?: { httpStatusCode?: number } }) => ({ name: e.name, status: e.$metadata?.httpStatusCode, message: e.message }),
  );

describe("HTTP API control plane", () => {
  it("creates, reads, lists with paging, updates and deletes APIs, with AWS's defaults and a reachable ApiEndpoint", async () => {
    const created = await bed.apigw.send(new CreateApiCommand({ Name: "orders-api", ProtocolType: "HTTP", Description: "orders", Tags: { lab: "api" } }));
    expect(created.ApiId).toMatch(/^[a-z0-9]{10}$/);
    expect(created).toMatchObject({
      Name: "orders-api",
      ProtocolType: "HTTP",
      Description: "orders",
      RouteSelectionExpression: "$request.method $request.path",
      ApiKeySelectionExpression: "$request.header.x-api-key",
      DisableExecuteApiEndpoint: false,
      Tags: { lab: "api" },
      ApiEndpoint: `${bed.cloud.endpoint}/_aws/execute-api/${created.ApiId}`,
    });
    expect(created.CreatedDate).toBeInstanceOf(Date);
    const second = await bed.apigw.send(new CreateApiCommand({ Name: "second", ProtocolType: "HTTP" }));

    const first = await bed.apigw.send(new GetApisCommand({ MaxResults: "1" }));
    expect(first.Items?.map((a) => a.ApiId)).toEqual([created.ApiId]);
    const rest = await bed.apigw.send(new GetApisCommand({ MaxResults: "1", NextToken: first.NextToken }));
    expect(rest.Items?.map((a) => a.ApiId)).toEqual([second.ApiId]);
    expect(rest.NextToken).toBeUndefined();

    const updated = await bed.apigw.send(new UpdateApiCommand({ ApiId: created.ApiId, Name: "orders-v2", Description: "renamed" }));
    expect(updated).toMatchObject({ Name: "orders-v2", Description: "renamed", Tags: { lab: "api" } });
    await bed.apigw.send(new DeleteApiCommand({ ApiId: second.ApiId }));
    expect(await failure(bed.apigw.send(new GetApiCommand({ ApiId: second.ApiId })))).toEqual({
      name: "NotFoundException",
      status: 404,
      message: `Invalid API identifier specified 000000000000:${second.ApiId}`,
    });
    expect(await failure(bed.apigw.send(new CreateApiCommand({ Name: "x", ProtocolType: "REST" as "HTTP" })))).toMatchObject({
      name: "BadRequestException",
      status: 400,
      message: "Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]",
    });
  });

  it("keeps integrations, routes, stages and deployments, refusing what AWS refuses", async () => {
    const { ApiId } = await bed.apigw.send(new CreateApiCommand({ Name: "parts", ProtocolType: "HTTP" }));
    const integration = await bed.apigw.send(
      new CreateIntegrationCommand({ ApiId, IntegrationType: "AWS_PROXY", IntegrationUri: FUNCTION_ARN, PayloadFormatVersion: "2.0" }),
    );
    expect(integration).toMatchObject({ IntegrationType: "AWS_PROXY", IntegrationUri: FUNCTION_ARN, PayloadFormatVersion: "2.0", IntegrationMethod: "POST", TimeoutInMillis: 30000, ConnectionType: "INTERNET" });
    expect(integration.IntegrationId).toMatch(/^[a-z0-9]{7}$/);
    expect((await bed.apigw.send(new GetIntegrationCommand({ ApiId, IntegrationId: integration.IntegrationId }))).IntegrationUri).toBe(FUNCTION_ARN);
    expect(await failure(bed.apigw.send(new CreateIntegrationCommand({ ApiId, IntegrationType: "AWS_PROXY", IntegrationUri: "orders", PayloadFormatVersion: "2.0" })))).toMatchObject({
      name: "BadRequestException",
    });

    const target = `integrations/${integration.IntegrationId}`;
    const post = await bed.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "POST /orders", Target: target }));
    expect(post).toMatchObject({ RouteKey: "POST /orders", Target: target, AuthorizationType: "NONE", ApiKeyRequired: false });
    await bed.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "GET /orders/{id}", Target: target }));
    expect(await failure(bed.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "POST /orders", Target: target })))).toEqual({
      name: "ConflictException",
      status: 409,
      message: "Route with key POST /orders already exists for this API",
    });
    expect(await failure(bed.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "GET /orders/{orderId}" })))).toMatchObject({ name: "ConflictException", status: 409 });
    expect(await failure(bed.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "orders" })))).toMatchObject({ name: "BadRequestException", status: 400 });
    expect(await failure(bed.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "GET /x", Target: "integrations/nothere" })))).toMatchObject({
      name: "NotFoundException",
      message: "Invalid Integration identifier specified nothere",
    });
    const moved = await bed.apigw.send(new UpdateRouteCommand({ ApiId, RouteId: post.RouteId, RouteKey: "PUT /orders" }));
    expect(moved.RouteKey).toBe("PUT /orders");
    expect((await bed.apigw.send(new GetRoutesCommand({ ApiId }))).Items?.map((r) => r.RouteKey).sort()).toEqual(["GET /orders/{id}", "PUT /orders"]);

    const stage = await bed.apigw.send(new CreateStageCommand({ ApiId, StageName: "prod", StageVariables: { table: "Orders" }, Tags: { env: "prod" } }));
    expect(stage).toMatchObject({ StageName: "prod", AutoDeploy: false, StageVariables: { table: "Orders" }, Tags: { env: "prod" } });
    expect(stage.DeploymentId).toBeUndefined();
    expect(await failure(bed.apigw.send(new CreateStageCommand({ ApiId, StageName: "prod" })))).toEqual({ name: "ConflictException", status: 409, message: "Stage already exists" });
    const deployment = await bed.apigw.send(new CreateDeploymentCommand({ ApiId, StageName: "prod", Description: "first" }));
    expect(deployment).toMatchObject({ DeploymentStatus: "DEPLOYED", AutoDeployed: false, Description: "first" });
    expect((await bed.apigw.send(new GetStageCommand({ ApiId, StageName: "prod" }))).DeploymentId).toBe(deployment.DeploymentId);
    const auto = await bed.apigw.send(new CreateStageCommand({ ApiId, StageName: "$default", AutoDeploy: true }));
    expect(auto.DeploymentId).toMatch(/^[a-z0-9]{6}$/);
    expect(auto.LastDeploymentStatusMessage).toBe(`Successfully deployed stage with deployment ID '${auto.DeploymentId}'`);
    await bed.apigw.send(new DeleteRouteCommand({ ApiId, RouteId: moved.RouteId }));
    const redeployed = (await bed.apigw.send(new GetStageCommand({ ApiId, StageName: "$default" }))).DeploymentId;
    expect(redeployed).not.toBe(auto.DeploymentId);
    expect((await bed.apigw.send(new GetDeploymentsCommand({ ApiId }))).Items?.map((d) => d.AutoDeployed)).toEqual([false, true, true]);
    expect((await bed.apigw.send(new GetStagesCommand({ ApiId }))).Items?.map((s) => s.StageName)).toEqual(["prod", "$default"]);
    await bed.apigw.send(new DeleteStageCommand({ ApiId, StageName: "prod" }));
    expect(await failure(bed.apigw.send(new GetStageCommand({ ApiId, StageName: "prod" })))).toMatchObject({ name: "NotFoundException", status: 404 });
    await bed.apigw.send(new DeleteIntegrationCommand({ ApiId, IntegrationId: integration.IntegrationId }));
    expect((await bed.apigw.send(new GetIntegrationsCommand({ ApiId }))).Items).toEqual([]);
  });

  it("tags APIs and stages by ARN", async () => {
    const { ApiId } = await bed.apigw.send(new CreateApiCommand({ Name: "tagged", ProtocolType: "HTTP", Tags: { a: "1" } }));
    await bed.apigw.send(new CreateStageCommand({ ApiId, StageName: "dev" }));
    const apiArn = `arn:aws:apigateway:us-east-1::/apis/${ApiId}`;
    await bed.apigw.send(new TagResourceCommand({ ResourceArn: apiArn, Tags: { b: "2" } }));
    await bed.apigw.send(new TagResourceCommand({ ResourceArn: `${apiArn}/stages/dev`, Tags: { stage: "dev" } }));
    await bed.apigw.send(new UntagResourceCommand({ ResourceArn: apiArn, TagKeys: ["a"] }));
    expect((await bed.apigw.send(new GetTagsCommand({ ResourceArn: apiArn }))).Tags).toEqual({ b: "2" });
    expect((await bed.apigw.send(new GetTagsCommand({ ResourceArn: `${apiArn}/stages/dev` }))).Tags).toEqual({ stage: "dev" });
    expect((await bed.apigw.send(new GetApiCommand({ ApiId }))).Tags).toEqual({ b: "2" });
    expect(await failure(bed.apigw.send(new GetTagsCommand({ ResourceArn: "arn:aws:apigateway:us-east-1::/apis/nothere0000" })))).toMatchObject({ name: "NotFoundException" });
  });

  it("quick create makes a managed Lambda integration, a $default route and an auto-deploying $default stage", async () => {
    const api = await bed.apigw.send(new CreateApiCommand({ Name: "quick", ProtocolType: "HTTP", Target: FUNCTION_ARN }));
    const [integration] = (await bed.apigw.send(new GetIntegrationsCommand({ ApiId: api.ApiId }))).Items ?? [];
    expect(integration).toMatchObject({ IntegrationType: "AWS_PROXY", IntegrationUri: FUNCTION_ARN, PayloadFormatVersion: "2.0", ApiGatewayManaged: true });
    const [route] = (await bed.apigw.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items ?? [];
    expect(route).toMatchObject({ RouteKey: "$default", Target: `integrations/${integration.IntegrationId}`, ApiGatewayManaged: true });
    const [stage] = (await bed.apigw.send(new GetStagesCommand({ ApiId: api.ApiId }))).Items ?? [];
    expect(stage).toMatchObject({ StageName: "$default", AutoDeploy: true, ApiGatewayManaged: true });
    expect(stage.DeploymentId).toBeDefined();
    const keyed = await bed.apigw.send(new CreateApiCommand({ Name: "quick-keyed", ProtocolType: "HTTP", Target: FUNCTION_ARN, RouteKey: "POST /orders" }));
    expect((await bed.apigw.send(new GetRoutesCommand({ ApiId: keyed.ApiId }))).Items?.map((r) => r.RouteKey)).toEqual(["POST /orders"]);
    const other = "arn:aws:lambda:us-east-1:000000000000:function:other";
    await bed.apigw.send(new UpdateApiCommand({ ApiId: keyed.ApiId, Target: other }));
    expect((await bed.apigw.send(new GetIntegrationsCommand({ ApiId: keyed.ApiId }))).Items?.map((i) => i.IntegrationUri)).toEqual([other]);
    expect(await failure(bed.apigw.send(new CreateApiCommand({ Name: "bad", ProtocolType: "HTTP", Target: "not-a-function" })))).toMatchObject({ name: "BadRequestException" });
  });
});
