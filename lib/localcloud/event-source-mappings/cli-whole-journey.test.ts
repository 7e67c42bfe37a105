/**
 * The whole journey with Debian's AWS CLI only (and fetch as curl): create a role, deploy a
 * zipped function, invoke it, map an SQS queue, a Kinesis stream and a table's stream to it, see
 * each processed in its logs with `aws logs filter-log-events`, put an HTTP API in front and call
 * it. Each CLI call is a Python process (about 1.5 s of CPU), so this is one test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, expect, it } from "vitest";
import { awsCliAvailable, awsCliSkipReason, runAwsCli } from "../test/aws-cli";
import { cloudForTests } from "../test/test-bed";
import { recordInvocations, stepClockUntil } from "./test-support";

const bed = cloudForTests({});
const work = fs.mkdtempSync(path.join(os.tmpdir(), "esm-journey-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const FUNCTION_SOURCE = `
exports.handler = async (event) => {
  if (event.Records) {
    for (const r of event.Records) {
      const data = r.body !== undefined ? r.body : r.kinesis ? Buffer.from(r.kinesis.data, "base64").toString("utf8") : JSON.stringify(r.dynamodb.NewImage);
      console.log(JSON.stringify({ msg: "processed", source: r.eventSource, data }));
    }
    return {};
  }
  if (event.requestContext && event.requestContext.http) {
    return { statusCode: 201, headers: { "content-type": "application/json" }, body: JSON.stringify({ path: event.rawPath, got: JSON.parse(event.body) }) };
  }
  return { echo: event };
};
`;

it(`deploys, invokes, maps a queue, a stream and a table stream, reads the logs and serves an HTTP API, all from the AWS CLI${awsCliSkipReason}`, async () => {
  if (!awsCliAvailable) return;
  const aws = (...args: string[]) => runAwsCli(bed.cloud.endpoint, args);
  const seen = recordInvocations(bed.cloud);
  const zipFile = path.join(work, "function.zip");
  fs.writeFileSync(zipFile, zipSync({ "index.js": strToU8(FUNCTION_SOURCE) }));

  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });
  const role = (await aws("iam", "create-role", "--role-name", "journey-role", "--assume-role-policy-document", trust)) as { Role: { Arn: string } };
  const fn = await aws("lambda", "create-function", "--function-name", "journey", "--runtime", "nodejs20.x", "--handler", "index.handler",
    "--role", role.Role.Arn, "--zip-file", `fileb://${zipFile}`, "--timeout", "30");
  const functionArn = String(fn.FunctionArn);
  bed.cloud.clock.advance(2_000); // Pending → Active

  const outFile = path.join(work, "out.json");
  await aws("lambda", "invoke", "--function-name", "journey", "--cli-binary-format", "raw-in-base64-out", "--payload", '{"hello":"world"}', outFile);
  expect(JSON.parse(fs.readFileSync(outFile, "utf8"))).toEqual({ echo: { hello: "world" } });

  await aws("sqs", "create-queue", "--queue-name", "journey-orders");
  await aws("kinesis", "create-stream", "--stream-name", "journey-clicks", "--shard-count", "1");
  const table = (await aws("dynamodb", "create-table", "--table-name", "JourneyOrders", "--attribute-definitions", "AttributeName=Id,AttributeType=S",
    "--key-schema", "AttributeName=Id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST",
    "--stream-specification", "StreamEnabled=true,StreamViewType=NEW_IMAGE")) as { TableDescription: { LatestStreamArn: string } };
  bed.cloud.clock.advance(2_000); // the stream and the table become ACTIVE

  const sources = [
    ["--event-source-arn", "arn:aws:sqs:us-east-1:000000000000:journey-orders"],
    ["--event-source-arn", "arn:aws:kinesis:us-east-1:000000000000:stream/journey-clicks", "--starting-position", "LATEST"],
    ["--event-source-arn", table.TableDescription.LatestStreamArn, "--starting-position", "LATEST"],
  ];
  for (const source of sources) {
    expect(await aws("lambda", "create-event-source-mapping", "--function-name", "journey", ...source)).toMatchObject({ State: "Creating" });
  }

  await aws("sqs", "send-message", "--queue-url", `${bed.cloud.endpoint}/000000000000/journey-orders`, "--message-body", "order-from-sqs");
  await aws("kinesis", "put-record", "--stream-name", "journey-clicks", "--partition-key", "pk", "--cli-binary-format", "raw-in-base64-out", "--data", "click-from-kinesis");
  await aws("dynamodb", "put-item", "--table-name", "JourneyOrders", "--item", '{"Id":{"S":"order-from-dynamodb"}}');
  await stepClockUntil(bed.cloud, seen, () => new Set(seen.filter((i) => i.result).flatMap((i) => i.event.Records.map((r) => r.eventSource))).size === 3);

  const logs = (await aws("logs", "filter-log-events", "--log-group-name", "/aws/lambda/journey", "--filter-pattern", '{ $.msg = "processed" }')) as {
    events: Array<{ message: string }>;
  };
  const processed = logs.events.map((e) => JSON.parse(e.message.slice(e.message.indexOf("{"))) as { source: string; data: string });
  expect(processed.map((p) => p.source).sort()).toEqual(["aws:dynamodb", "aws:kinesis", "aws:sqs"]);
  expect(processed.find((p) => p.source === "aws:kinesis")?.data).toBe("click-from-kinesis");
  expect(processed.find((p) => p.source === "aws:sqs")?.data).toBe("order-from-sqs");
  expect(processed.find((p) => p.source === "aws:dynamodb")?.data).toContain("order-from-dynamodb");

  const api = (await aws("apigatewayv2", "create-api", "--name", "journey-api", "--protocol-type", "HTTP", "--target", functionArn)) as { ApiId: string; ApiEndpoint: string };
  await aws("lambda", "add-permission", "--function-name", "journey", "--statement-id", "apigw", "--action", "lambda:InvokeFunction",
    "--principal", "apigateway.amazonaws.com", "--source-arn", `arn:aws:execute-api:us-east-1:000000000000:${api.ApiId}/*`);
  const response = await fetch(`${api.ApiEndpoint}/orders`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"item":"coffee"}' });
  expect(response.status).toBe(201);
  expect(await response.json()).toEqual({ path: "/orders", got: { item: "coffee" } });
}, 90_000);
