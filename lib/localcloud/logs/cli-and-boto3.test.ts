import { expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { awsCliAvailable, awsCliSkipReason, runAwsCli } from "../test/aws-cli";
import { boto3Available, boto3SkipReason, runBoto3Script } from "../test/boto3";
import { cloudForTests } from "../test/test-bed";

const bed = cloudForTests({});

it.skipIf(!awsCliAvailable)(`the AWS CLI creates a group and stream, puts events and finds them with filter-log-events${awsCliSkipReason}`, { timeout: 120_000 }, async () => { // each CLI call starts a Python process: seconds apiece on a busy machine
  const group = uniqueName("/cli/orders");
  const cli = (...args: string[]) => runAwsCli(bed.cloud.endpoint, ["logs", ...args]);
  await cli("create-log-group", "--log-group-name", group);
  await cli("create-log-stream", "--log-group-name", group, "--log-stream-name", "web");
  const now = bed.cloud.clock.now();
  const events = JSON.stringify([
    { timestamp: now - 2, message: JSON.stringify({ level: "INFO", orderId: "o-1" }) },
    { timestamp: now - 1, message: JSON.stringify({ level: "ERROR", orderId: "o-2" }) },
  ]);
  const put = await cli("put-log-events", "--log-group-name", group, "--log-stream-name", "web", "--log-events", events);
  expect(put.nextSequenceToken).toMatch(/^\d{56}$/);
  const found = await cli("filter-log-events", "--log-group-name", group, "--filter-pattern", '{ $.level = "ERROR" }');
  expect((found.events as Array<{ message: string; logStreamName: string }>).map((e) => [e.logStreamName, JSON.parse(e.message).orderId])).toEqual([["web", "o-2"]]);
});

const BOTO3_SCRIPT = `
import boto3, json, os, time
logs = boto3.client("logs", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
group = os.environ["GROUP"]
now = int(os.environ["NOW"])
logs.create_log_group(logGroupName=group)
logs.create_log_stream(logGroupName=group, logStreamName="s")
logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=[{"timestamp": now - 3 + i, "message": "line %d" % i} for i in range(3)])
got = logs.get_log_events(logGroupName=group, logStreamName="s", startFromHead=True)
query = logs.start_query(logGroupName=group, startTime=now // 1000 - 60, endTime=now // 1000 + 1, queryString="fields @message | sort @timestamp asc")
result = logs.get_query_results(queryId=query["queryId"])
try:
    logs.describe_log_streams(logGroupName=group + "-missing")
    missing = None
except logs.exceptions.ResourceNotFoundException as e:
    missing = e.response["Error"]["Message"]
print(json.dumps({
    "events": [e["message"] for e in got["events"]],
    "status": result["status"],
    "query": [[f["value"] for f in row if f["field"] == "@message"][0] for row in result["results"]],
    "missing": missing,
}))
`;

it.skipIf(!boto3Available)(`boto3 writes and reads events, runs an Insights query and gets AWS's missing-group error${boto3SkipReason}`, { timeout: 60_000 }, async () => {
  const out = JSON.parse(
    await runBoto3Script(BOTO3_SCRIPT, {
      ENDPOINT: bed.cloud.endpoint,
      GROUP: uniqueName("boto3-group"),
      NOW: String(bed.cloud.clock.now()),
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
    }),
  ) as { events: string[]; status: string; query: string[]; missing: string };
  expect(out).toEqual({
    events: ["line 0", "line 1", "line 2"],
    status: "Complete",
    query: ["line 0", "line 1", "line 2"],
    missing: "The specified log group does not exist.",
  });
});
