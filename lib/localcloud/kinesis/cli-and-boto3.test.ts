import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { startTestCloud, uniqueName } from "../test/harness";
import { createActiveStream, kinesisClient } from "./test-support";

const run = promisify(execFile);
const AWS_CLI = "/usr/bin/aws";
const PYTHON = "/usr/bin/python3";
const hasCli = fs.existsSync(AWS_CLI);
const hasBoto3 = fs.existsSync(PYTHON) && (await run(PYTHON, ["-c", "import boto3"]).then(() => true, () => false));
const credentials = { AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_DEFAULT_REGION: "us-east-1" };

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

async function activeStream(): Promise<string> {
  const name = uniqueName("analytics-stream");
  const client = kinesisClient(cloud);
  await createActiveStream(cloud, client, { StreamName: name, ShardCount: 2 });
  client.destroy();
  return name;
}

const cli = (...args: string[]) =>
  run(AWS_CLI, ["--endpoint-url", cloud.endpoint, "--output", "json", ...args], { env: { ...process.env, ...credentials } }).then((r) =>
    JSON.parse(r.stdout || "{}"),
  );

it.skipIf(!hasCli)(`the AWS CLI puts records and reads them back in order${hasCli ? "" : " (skipped: /usr/bin/aws not installed)"}`, { timeout: 120_000 }, async () => { // each CLI call starts a Python process: seconds apiece on a busy machine
  const name = await activeStream();
  const puts = [];
  for (const event of ["login", "view", "purchase"]) {
    puts.push(await cli("kinesis", "put-record", "--stream-name", name, "--partition-key", "user-42", "--data", Buffer.from(event).toString("base64")));
  }
  expect(new Set(puts.map((p) => p.ShardId)).size).toBe(1);
  const iterator = await cli("kinesis", "get-shard-iterator", "--stream-name", name, "--shard-id", puts[0].ShardId, "--shard-iterator-type", "TRIM_HORIZON");
  const records = await cli("kinesis", "get-records", "--shard-iterator", iterator.ShardIterator);
  expect(records.Records.map((r: { Data: string }) => Buffer.from(r.Data, "base64").toString())).toEqual(["login", "view", "purchase"]);
  expect(records.Records.map((r: { SequenceNumber: string }) => r.SequenceNumber)).toEqual(puts.map((p) => p.SequenceNumber));
  const described = await cli("kinesis", "describe-stream-summary", "--stream-name", name);
  expect(described.StreamDescriptionSummary).toMatchObject({ StreamStatus: "ACTIVE", OpenShardCount: 2 });
});

const BOTO3_SCRIPT = `
import boto3, json, sys
endpoint, stream = sys.argv[1], sys.argv[2]
kinesis = boto3.client("kinesis", endpoint_url=endpoint, region_name="us-east-1")
batch = kinesis.put_records(StreamName=stream, Records=[{"PartitionKey": "sensor-%d" % (i % 3), "Data": json.dumps({"n": i}).encode()} for i in range(9)])
out = {"failed": batch["FailedRecordCount"], "shards": {}}
for shard in kinesis.list_shards(StreamName=stream)["Shards"]:
    it = kinesis.get_shard_iterator(StreamName=stream, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    got = kinesis.get_records(ShardIterator=it)
    out["shards"][shard["ShardId"]] = {"n": [json.loads(r["Data"])["n"] for r in got["Records"]], "behind": got["MillisBehindLatest"]}
out["sent"] = [r["ShardId"] for r in batch["Records"]]
print(json.dumps(out))
`;

it.skipIf(!hasBoto3)(`boto3 puts a batch and reads each shard in order${hasBoto3 ? "" : " (skipped: boto3 not importable by /usr/bin/python3)"}`, async () => {
  const name = await activeStream();
  const { stdout } = await run(PYTHON, ["-c", BOTO3_SCRIPT, cloud.endpoint, name], { env: { ...process.env, ...credentials } });
  const out = JSON.parse(stdout) as { failed: number; sent: string[]; shards: Record<string, { n: number[]; behind: number }> };
  expect(out.failed).toBe(0);
  for (const [shardId, shard] of Object.entries(out.shards)) {
    const expected = out.sent.map((s, i) => (s === shardId ? i : -1)).filter((i) => i >= 0);
    expect(shard.n).toEqual(expected);
    expect(shard.behind).toBe(0);
  }
  expect(Object.values(out.shards).flatMap((s) => s.n).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
});
