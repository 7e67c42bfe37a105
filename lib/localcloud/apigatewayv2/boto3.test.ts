import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { boto3Available, boto3SkipReason, runBoto3Script } from "../test/boto3";
import { cloudForTests } from "../test/test-bed";
import { deployEcho } from "./test-support";

/** An HTTP API built step by step in boto3, then called at its invoke URL with urllib. */
const SCENARIO = `
import json, os, sys, urllib.request, urllib.error, boto3
kw = dict(endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
apigw, lam = boto3.client("apigatewayv2", **kw), boto3.client("lambda", **kw)
fn = os.environ["FUNCTION_ARN"]
out = {}
api = apigw.create_api(Name="boto-orders", ProtocolType="HTTP", Tags={"lab": "api"})
api_id = api["ApiId"]
integration = apigw.create_integration(ApiId=api_id, IntegrationType="AWS_PROXY", IntegrationUri=fn, PayloadFormatVersion="2.0")
target = "integrations/" + integration["IntegrationId"]
apigw.create_route(ApiId=api_id, RouteKey="POST /orders", Target=target)
apigw.create_route(ApiId=api_id, RouteKey="GET /orders/{id}", Target=target)
try:
    apigw.create_route(ApiId=api_id, RouteKey="POST /orders", Target=target)
except apigw.exceptions.ConflictException as e:
    out["conflict"] = e.response["Error"]["Message"]
stage = apigw.create_stage(ApiId=api_id, StageName="prod")
deployment = apigw.create_deployment(ApiId=api_id, StageName="prod")
out["deployed"] = apigw.get_stage(ApiId=api_id, StageName="prod")["DeploymentId"] == deployment["DeploymentId"]
lam.add_permission(FunctionName=fn, StatementId="boto", Action="lambda:InvokeFunction", Principal="apigateway.amazonaws.com",
                   SourceArn="arn:aws:execute-api:us-east-1:000000000000:%s/prod/*/orders*" % api_id)
def call(method, path, body=None):
    request = urllib.request.Request(api["ApiEndpoint"] + path, data=body, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return [response.status, json.loads(response.read())]
    except urllib.error.HTTPError as e:
        return [e.code, json.loads(e.read())]
posted = call("POST", "/prod/orders", b'{"amount": 5}')
out["posted"] = [posted[0], posted[1]["routeKey"], posted[1]["body"], posted[1]["requestContext"]["stage"]]
got = call("GET", "/prod/orders/o-1")
out["got"] = [got[0], got[1]["pathParameters"]]
out["missing"] = call("GET", "/prod/nothing")
out["noStage"] = call("GET", "/orders/o-1")
apigw.tag_resource(ResourceArn="arn:aws:apigateway:us-east-1::/apis/" + api_id, Tags={"team": "labs"})
out["tags"] = apigw.get_tags(ResourceArn="arn:aws:apigateway:us-east-1::/apis/" + api_id)["Tags"]
out["routes"] = sorted(r["RouteKey"] for r in apigw.get_routes(ApiId=api_id)["Items"])
apigw.delete_api(ApiId=api_id)
try:
    apigw.get_api(ApiId=api_id)
except apigw.exceptions.NotFoundException as e:
    out["gone"] = e.response["Error"]["Message"] == "Invalid API identifier specified 000000000000:" + api_id
json.dump(out, sys.stdout)
`;

describe("boto3 from Debian against API Gateway HTTP APIs", () => {
  const bed = cloudForTests({ lambda: LambdaClient, iam: IAMClient });
  let functionArn = "";
  beforeAll(async () => {
    functionArn = (await deployEcho(bed)).arn;
  }, 30_000);

  it.skipIf(!boto3Available)(`builds an API step by step and calls its invoke URL${boto3SkipReason}`, async () => {
    const result = JSON.parse(await runBoto3Script(SCENARIO, { ENDPOINT: bed.cloud.endpoint, FUNCTION_ARN: functionArn }));
    expect(result).toEqual({
      conflict: "Route with key POST /orders already exists for this API",
      deployed: true,
      posted: [200, "POST /orders", '{"amount": 5}', "prod"],
      got: [200, { id: "o-1" }],
      missing: [404, { message: "Not Found" }],
      noStage: [404, { message: "Not Found" }],
      tags: { lab: "api", team: "labs" },
      routes: ["GET /orders/{id}", "POST /orders"],
      gone: true,
    });
  }, 30_000);
});
