import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, startDynamoCloud, type DynamoTestCloud } from "./test-support";

const run = promisify(execFile);
const AWS_CLI = "/usr/bin/aws";
const PYTHON = "/usr/bin/python3";
const hasCli = fs.existsSync(AWS_CLI);
const hasBoto3 = fs.existsSync(PYTHON) && (await run(PYTHON, ["-c", "import boto3"]).then(() => true, () => false));
const credentials = { AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_DEFAULT_REGION: "us-east-1" };

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());

const cli = (...args: string[]) =>
  run(AWS_CLI, ["--endpoint-url", env.cloud.endpoint, "--output", "json", ...args], { env: { ...process.env, ...credentials } }).then((r) => JSON.parse(r.stdout || "{}"));

it.skipIf(!hasCli)(`the AWS CLI writes conditionally and reads the table's stream${hasCli ? "" : " (skipped: /usr/bin/aws not installed)"}`, { timeout: 120_000 }, async () => { // each CLI call starts a Python process: seconds apiece on a busy machine
  const table = await createTable(env, uniqueName("cli-orders"), { streamViewType: "NEW_IMAGE" });
  const item = JSON.stringify({ pk: { S: "o-1" }, total: { N: "12" } });
  await cli("dynamodb", "put-item", "--table-name", table.TableName!, "--item", item, "--condition-expression", "attribute_not_exists(pk)");
  const failed = await cli("dynamodb", "put-item", "--table-name", table.TableName!, "--item", item, "--condition-expression", "attribute_not_exists(pk)").catch(
    (error: { stderr: string }) => error.stderr,
  );
  expect(failed).toContain("ConditionalCheckFailedException");

  const stream = await cli("dynamodbstreams", "describe-stream", "--stream-arn", table.LatestStreamArn!);
  const shardId = stream.StreamDescription.Shards[0].ShardId;
  const iterator = await cli("dynamodbstreams", "get-shard-iterator", "--stream-arn", table.LatestStreamArn!, "--shard-id", shardId, "--shard-iterator-type", "TRIM_HORIZON");
  const records = await cli("dynamodbstreams", "get-records", "--shard-iterator", iterator.ShardIterator);
  expect(records.Records).toHaveLength(1);
  expect(records.Records[0]).toMatchObject({ eventName: "INSERT", dynamodb: { NewImage: { pk: { S: "o-1" }, total: { N: "12" } } } });
});

const BOTO3_SCRIPT = `
import boto3, json, sys
endpoint, table, stream_arn = sys.argv[1], sys.argv[2], sys.argv[3]
ddb = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1")
ddb.put_item(TableName=table, Item={"pk": {"S": "o-1"}, "n": {"N": "1"}}, ConditionExpression="attribute_not_exists(pk)")
try:
    ddb.put_item(TableName=table, Item={"pk": {"S": "o-1"}}, ConditionExpression="attribute_not_exists(pk)")
    conditional = "no error"
except ddb.exceptions.ConditionalCheckFailedException as e:
    conditional = e.response["Error"]["Code"]
streams = boto3.client("dynamodbstreams", endpoint_url=endpoint, region_name="us-east-1")
shard = streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"][0]["ShardId"]
it = streams.get_shard_iterator(StreamArn=stream_arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
records = streams.get_records(ShardIterator=it)["Records"]
print(json.dumps({"conditional": conditional, "events": [r["eventName"] for r in records], "keys": [r["dynamodb"]["Keys"] for r in records]}))
`;

it.skipIf(!hasBoto3)(`boto3 writes conditionally and reads the table's stream${hasBoto3 ? "" : " (skipped: boto3 not importable by /usr/bin/python3)"}`, async () => {
  const table = await createTable(env, uniqueName("boto3-orders"), { streamViewType: "KEYS_ONLY" });
  const { stdout } = await run(PYTHON, ["-c", BOTO3_SCRIPT, env.cloud.endpoint, table.TableName!, table.LatestStreamArn!], {
    env: { ...process.env, ...credentials },
  });
  expect(JSON.parse(stdout)).toEqual({ conditional: "ConditionalCheckFailedException", events: ["INSERT"], keys: [{ pk: { S: "o-1" } }] });
});
