/**
 * The HTTP API control plane moto_server has (APIs, integrations, routes, stages, tags), run
 * against the local cloud and moto; what a client observes is compared. moto runs no code and
 * has no quick create or deployments, so those stay out; ids and ApiEndpoint differ by design.
 */
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteRouteCommand,
  GetApiCommand,
  GetApisCommand,
  GetIntegrationCommand,
  GetRouteCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApiCommand,
} from "@aws-sdk/client-apigatewayv2";
import { expect, it } from "vitest";
import { testCredentials } from "../test/harness";
import { motoAvailable, motoForTests, motoSkipReason } from "../test/moto";
import { cloudForTests } from "../test/test-bed";

const bed = cloudForTests({});
const moto = motoForTests({ accountId: "000000000000" });
const FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:orders";

async function scenario(apigw: ApiGatewayV2Client) {
  const seen: Record<string, unknown> = {};
  const outcome = (run: () => Promise<unknown>) =>
    run().then(
      () => "ok",
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => ({ name: e.name, status: e.$metadata?.httpStatusCode }),
    );
  const api = await apigw.send(new CreateApiCommand({ Name: "orders-api", ProtocolType: "HTTP", Description: "orders", Tags: { lab: "api" } }));
  const ApiId = api.ApiId;
  const { ApiEndpoint: _endpoint, ApiId: _id, CreatedDate, $metadata: _m, ...created } = api;
  seen.created = { ...created, hasDate: CreatedDate instanceof Date };
  seen.updated = (await apigw.send(new UpdateApiCommand({ ApiId, Description: "renamed" }))).Description;
  seen.listed = (await apigw.send(new GetApisCommand({}))).Items?.map((a) => [a.Name, a.ProtocolType]);
  const integration = await apigw.send(new CreateIntegrationCommand({ ApiId, IntegrationType: "AWS_PROXY", IntegrationUri: FUNCTION_ARN, PayloadFormatVersion: "2.0" }));
  const fetched = await apigw.send(new GetIntegrationCommand({ ApiId, IntegrationId: integration.IntegrationId }));
  seen.integration = [fetched.IntegrationType, fetched.IntegrationUri, fetched.PayloadFormatVersion, fetched.IntegrationMethod, fetched.TimeoutInMillis];
  const route = await apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "POST /orders", Target: `integrations/${integration.IntegrationId}` }));
  const got = await apigw.send(new GetRouteCommand({ ApiId, RouteId: route.RouteId }));
  seen.route = [got.RouteKey, got.Target === `integrations/${integration.IntegrationId}`, got.ApiKeyRequired];
  await apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "GET /orders/{id}" }));
  await apigw.send(new DeleteRouteCommand({ ApiId, RouteId: route.RouteId }));
  seen.routes = (await apigw.send(new GetRoutesCommand({ ApiId }))).Items?.map((r) => r.RouteKey);
  await apigw.send(new CreateStageCommand({ ApiId, StageName: "prod", StageVariables: { table: "Orders" }, Tags: { env: "prod" } }));
  const stage = await apigw.send(new GetStageCommand({ ApiId, StageName: "prod" }));
  seen.stage = [stage.StageName, stage.StageVariables, stage.Tags, stage.DefaultRouteSettings];
  const arn = `arn:aws:apigateway:us-east-1::/apis/${ApiId}`;
  await apigw.send(new TagResourceCommand({ ResourceArn: arn, Tags: { team: "labs" } }));
  await apigw.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["lab"] }));
  seen.tags = (await apigw.send(new GetTagsCommand({ ResourceArn: arn }))).Tags;
  seen.missingApi = await outcome(() => apigw.send(new GetApiCommand({ ApiId: "nosuchapi0" })));
  seen.missingRoute = await outcome(() => apigw.send(new GetRouteCommand({ ApiId, RouteId: "nosuch0" })));
  seen.missingIntegration = await outcome(() => apigw.send(new GetIntegrationCommand({ ApiId, IntegrationId: "nosuch0" })));
  seen.missingStage = await outcome(() => apigw.send(new GetStageCommand({ ApiId, StageName: "nosuch" })));
  await apigw.send(new DeleteApiCommand({ ApiId }));
  seen.gone = await outcome(() => apigw.send(new GetApiCommand({ ApiId })));
  return seen;
}

it.skipIf(!motoAvailable)(`the HTTP API control plane behaves as moto_server's does${motoSkipReason}`, async () => {
  const local = new ApiGatewayV2Client({ endpoint: bed.cloud.endpoint, region: "us-east-1", credentials: testCredentials, maxAttempts: 1 });
  const remote = new ApiGatewayV2Client({ endpoint: moto.endpoint, region: "us-east-1", credentials: testCredentials, maxAttempts: 1 });
  const ours = await scenario(local);
  const theirs = await scenario(remote);
  local.destroy();
  remote.destroy();
  expect(ours).toEqual(theirs);
});
