import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  UpdateApiCommand,
} from "@aws-sdk/client-apigatewayv2";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { cloudForTests } from "../test/test-bed";
import { allowApiGateway, callApi, callApiByHost, deployEcho, executeApiArn } from "./test-support";

const bed = cloudForTests({ apigw: ApiGatewayV2Client, lambda: LambdaClient, iam: IAMClient, cloudwatch: CloudWatchClient });
let echo = { name: "", arn: "" };
let quickApi = "";
beforeAll(async () => {
  echo = await deployEcho(bed);
  quickApi = (await bed.apigw.send(new CreateApiCommand({ Name: "echo", ProtocolType: "HTTP", Target: echo.arn }))).ApiId as string;
  await allowApiGateway(bed.lambda, echo.name, executeApiArn(quickApi));
}, 30_000);

describe("invoke URLs run the Lambda integration", () => {
  it("builds the payload 2.0 event API Gateway builds, on the path form and the host form", async () => {
    bed.cloud.clock.advance(3_600_000);
    const before = bed.cloud.clock.now();
    const answer = await callApi(bed.cloud, quickApi, "/orders/42?b=2&a=1&a=x%20y", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "session=abc; theme=dark", "X-Trace": "t1", "user-agent": "curl/8" },
      body: '{"amount":5}',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers["apigw-requestid"]).toBeDefined();
    const event = JSON.parse(answer.text) as APIGatewayProxyEventV2;
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "$default",
      rawPath: "/orders/42",
      rawQueryString: "b=2&a=1&a=x%20y",
      cookies: ["session=abc", "theme=dark"],
      queryStringParameters: { b: "2", a: "1,x y" },
      body: '{"amount":5}',
      isBase64Encoded: false,
      requestContext: {
        accountId: "000000000000",
        apiId: quickApi,
        domainName: `${quickApi}.execute-api.localhost:${bed.cloud.port}`,
        domainPrefix: quickApi,
        http: { method: "POST", path: "/orders/42", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "curl/8" },
        routeKey: "$default",
        stage: "$default",
      },
    });
    expect(event.headers).toMatchObject({ "content-type": "application/json", "x-trace": "t1", "x-forwarded-proto": "http" });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.pathParameters).toBeUndefined();
    expect(event.requestContext.timeEpoch).toBeGreaterThanOrEqual(before);
    expect(event.requestContext.timeEpoch).toBeLessThanOrEqual(bed.cloud.clock.now());
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);

    // An API's own request is the API's, whatever AWS-looking headers it carries.
    const targeted = await callApi(bed.cloud, quickApi, "/", { method: "POST", headers: { "x-amz-target": "AmazonSQS.SendMessage", "content-type": "application/x-amz-json-1.0" }, body: "{}" });
    expect((JSON.parse(targeted.text) as APIGatewayProxyEventV2).headers["x-amz-target"]).toBe("AmazonSQS.SendMessage");
    const byHost = await callApiByHost(bed.cloud, quickApi, "/hello");
    expect(byHost.status).toBe(200);
    expect((JSON.parse(byHost.text) as APIGatewayProxyEventV2).rawPath).toBe("/hello");
  });

  it("maps the function's answer back: inferred 200 JSON, status, headers, cookies, base64 bodies; failures are 500", async () => {
    const plain = await callApi(bed.cloud, quickApi, "/?mode=plain");
    expect([plain.status, plain.headers["content-type"], plain.text]).toEqual([200, "application/json", '{"hello":"world"}']);
    const text = await callApi(bed.cloud, quickApi, "/?mode=string");
    expect([text.status, text.text]).toEqual([200, "Hello from Lambda!"]);
    const cookies = await callApi(bed.cloud, quickApi, "/?mode=cookies");
    expect([cookies.status, cookies.text, cookies.headers["x-custom"], cookies.headers["set-cookie"]]).toEqual([201, "created", "yes", ["a=1; Path=/", "b=2"]]);
    expect(cookies.headers["content-type"]).toBe("text/plain; charset=utf-8");
    const binary = await callApi(bed.cloud, quickApi, "/?mode=binary");
    expect([...binary.body]).toEqual([0, 1, 2, 255]);
    const thrown = await callApi(bed.cloud, quickApi, "/?mode=throw");
    expect([thrown.status, thrown.text]).toEqual([500, '{"message":"Internal Server Error"}']);
    const form = await callApi(bed.cloud, quickApi, "/", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1" });
    expect(JSON.parse(form.text)).toMatchObject({ body: Buffer.from("a=1").toString("base64"), isBase64Encoded: true });
  });

  it("answers 500 without a permission for the route, 503 past the integration timeout, 404 for what no route or stage serves", async () => {
    const { ApiId } = await bed.apigw.send(new CreateApiCommand({ Name: "guarded", ProtocolType: "HTTP" }));
    const { IntegrationId } = await bed.apigw.send(new CreateIntegrationCommand({ ApiId, IntegrationType: "AWS_PROXY", IntegrationUri: echo.arn, PayloadFormatVersion: "2.0" }));
    await bed.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "GET /orders/{id}", Target: `integrations/${IntegrationId}` }));
    await bed.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "POST /orders", Target: `integrations/${IntegrationId}` }));
    await bed.apigw.send(new CreateStageCommand({ ApiId, StageName: "$default", AutoDeploy: true }));
    const id = ApiId as string;

    expect((await callApi(bed.cloud, id, "/orders/7")).text).toBe('{"message":"Internal Server Error"}');
    await allowApiGateway(bed.lambda, echo.name, executeApiArn(id, "*/*/orders/{id}"));
    const got = await callApi(bed.cloud, id, "/orders/7");
    expect(got.status).toBe(200);
    expect(JSON.parse(got.text)).toMatchObject({ routeKey: "GET /orders/{id}", pathParameters: { id: "7" } });
    expect((await callApi(bed.cloud, id, "/orders", { method: "POST" })).status).toBe(500);
    await allowApiGateway(bed.lambda, echo.name, executeApiArn(id, "$default/POST/orders"));
    expect((await callApi(bed.cloud, id, "/orders", { method: "POST" })).status).toBe(200);

    const missing = await callApi(bed.cloud, id, "/nothing");
    expect([missing.status, missing.text]).toEqual([404, '{"message":"Not Found"}']);
    expect((await callApi(bed.cloud, "nosuchapi0", "/orders")).status).toBe(404);
    const { IntegrationId: hasty } = await bed.apigw.send(
      new CreateIntegrationCommand({ ApiId, IntegrationType: "AWS_PROXY", IntegrationUri: echo.arn, PayloadFormatVersion: "2.0", TimeoutInMillis: 50 }),
    );
    await bed.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "GET /slow", Target: `integrations/${hasty}` }));
    await allowApiGateway(bed.lambda, echo.name, executeApiArn(id, "*/GET/slow"));
    expect(await callApi(bed.cloud, id, "/slow?mode=slow")).toMatchObject({ status: 503, text: '{"message":"Service Unavailable"}' });
    // With CredentialsArn API Gateway invokes as that role, so no resource-policy statement is needed.
    const { IntegrationId: withRole } = await bed.apigw.send(
      new CreateIntegrationCommand({ ApiId, IntegrationType: "AWS_PROXY", IntegrationUri: echo.arn, PayloadFormatVersion: "2.0", CredentialsArn: "arn:aws:iam::000000000000:role/apigw-invoke" }),
    );
    await bed.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "GET /role", Target: `integrations/${withRole}` }));
    expect((await callApi(bed.cloud, id, "/role?mode=plain")).status).toBe(200);
    await bed.apigw.send(new UpdateApiCommand({ ApiId, DisableExecuteApiEndpoint: true }));
    expect(await callApi(bed.cloud, id, "/orders/7")).toMatchObject({ status: 403, text: '{"message":"Forbidden"}' });
  });

  it("routes /<stage>/… to a named stage, which serves only what was deployed to it, and sends payload 1.0 events", async () => {
    const { ApiId } = await bed.apigw.send(new CreateApiCommand({ Name: "staged", ProtocolType: "HTTP" }));
    const id = ApiId as string;
    await allowApiGateway(bed.lambda, echo.name, executeApiArn(id));
    const { IntegrationId } = await bed.apigw.send(new CreateIntegrationCommand({ ApiId, IntegrationType: "AWS_PROXY", IntegrationUri: echo.arn, PayloadFormatVersion: "1.0" }));
    await bed.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "ANY /orders/{proxy+}", Target: `integrations/${IntegrationId}` }));
    await bed.apigw.send(new CreateStageCommand({ ApiId, StageName: "prod", StageVariables: { table: "Orders" } }));
    expect((await callApi(bed.cloud, id, "/prod/orders/1")).status).toBe(404);
    await bed.apigw.send(new CreateDeploymentCommand({ ApiId, StageName: "prod" }));

    const answer = await callApi(bed.cloud, id, "/prod/orders/1/items?x=1&x=2", { method: "PUT", headers: { "x-one": "1" }, body: "hi" });
    expect(answer.status).toBe(200);
    const event = JSON.parse(answer.text) as APIGatewayProxyEvent & { version: string };
    expect(event).toMatchObject({
      version: "1.0",
      resource: "/orders/{proxy+}",
      path: "/prod/orders/1/items",
      httpMethod: "PUT",
      queryStringParameters: { x: "2" },
      multiValueQueryStringParameters: { x: ["1", "2"] },
      pathParameters: { proxy: "1/items" },
      stageVariables: { table: "Orders" },
      body: "hi",
      requestContext: { stage: "prod", resourcePath: "/orders/{proxy+}", httpMethod: "PUT", identity: { sourceIp: "127.0.0.1" } },
    });
    expect(event.multiValueHeaders["x-one"]).toEqual(["1"]);
    const multi = await callApi(bed.cloud, id, "/prod/orders/1?mode=multi");
    expect([multi.status, multi.headers["x-multi"]]).toEqual([200, "a, b"]);
    await bed.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: "GET /later", Target: `integrations/${IntegrationId}` }));
    expect((await callApi(bed.cloud, id, "/prod/later")).status).toBe(404);
  });

  it("counts each minute's requests in AWS/ApiGateway per API and per stage", async () => {
    const { ApiId } = await bed.apigw.send(new CreateApiCommand({ Name: "metered", ProtocolType: "HTTP", Target: echo.arn }));
    const id = ApiId as string;
    await allowApiGateway(bed.lambda, echo.name, executeApiArn(id));
    const minuteStart = new Date(Math.floor(bed.cloud.clock.now() / 60_000) * 60_000);
    for (const path of ["/a", "/b?mode=plain", "/c?mode=throw"]) await callApi(bed.cloud, id, path);
    bed.cloud.clock.advance(120_000);
    const query = (queryId: string, metricName: string, dimensions: Array<{ Name: string; Value: string }>) => ({
      Id: queryId,
      MetricStat: { Metric: { Namespace: "AWS/ApiGateway", MetricName: metricName, Dimensions: dimensions }, Period: 60, Stat: "Sum" },
    });
    const api = [{ Name: "ApiId", Value: id }];
    const stage = [...api, { Name: "Stage", Value: "$default" }];
    const data = await bed.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: minuteStart,
        EndTime: new Date(bed.cloud.clock.now()),
        MetricDataQueries: [query("count", "Count", api), query("errors", "5xx", api), query("client", "4xx", api), query("staged", "Count", stage), query("latency", "IntegrationLatency", stage)],
      }),
    );
    const total = (queryId: string) => (data.MetricDataResults?.find((r) => r.Id === queryId)?.Values ?? []).reduce((a, b) => a + b, 0);
    expect([total("count"), total("errors"), total("client"), total("staged")]).toEqual([3, 1, 0, 3]);
    expect(total("latency")).toBeGreaterThan(0);
  });
});
