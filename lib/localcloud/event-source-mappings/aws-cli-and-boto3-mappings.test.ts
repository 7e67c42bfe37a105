/**
 * Other clients than the JavaScript SDK: Debian's AWS CLI creates, lists, updates and deletes a
 * mapping, and boto3 does the same, each seeing Lambda's members and states.
 */
import { expect, it } from "vitest";
import { awsCliAvailable, awsCliSkipReason, runAwsCli } from "../test/aws-cli";
import { boto3Available, boto3SkipReason, runBoto3Script } from "../test/boto3";
import { uniqueName } from "../test/harness";
import { createQueue, deployFunction, esmForTests } from "./test-support";

const bed = esmForTests();

// Each CLI call is a Python process (about 1.5 s of CPU): a few calls here, the rest in cli-whole-journey.test.ts.
it(`works from the AWS CLI: create-, list-, update- and delete-event-source-mapping${awsCliSkipReason}`, async () => {
  if (!awsCliAvailable) return;
  const fn = uniqueName("cli-worker");
  await deployFunction(bed, fn);
  const queue = await createQueue(bed.sqs, uniqueName("cli-orders"));
  const cli = (...args: string[]) => runAwsCli(bed.cloud.endpoint, ["lambda", ...args]);

  const created = await cli("create-event-source-mapping", "--function-name", fn, "--event-source-arn", queue.arn, "--batch-size", "5");
  expect(created).toMatchObject({ State: "Creating", BatchSize: 5, EventSourceArn: queue.arn });
  const uuid = String(created.UUID);
  bed.cloud.clock.advance(1_500);

  const listed = await cli("list-event-source-mappings", "--function-name", fn);
  expect(listed.EventSourceMappings).toEqual([expect.objectContaining({ UUID: uuid, State: "Enabled" })]);
  expect(await cli("update-event-source-mapping", "--uuid", uuid, "--no-enabled")).toMatchObject({ State: "Disabling" });
  expect(await cli("delete-event-source-mapping", "--uuid", uuid)).toMatchObject({ State: "Deleting" });
});

it(`works from boto3: create, list, get and delete${boto3SkipReason}`, async () => {
  if (!boto3Available) return;
  const fn = uniqueName("boto3-worker");
  await deployFunction(bed, fn);
  const queue = await createQueue(bed.sqs, uniqueName("boto3-orders"));
  const out = await runBoto3Script(
    `
import json, os, boto3
client = boto3.client("lambda", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
created = client.create_event_source_mapping(FunctionName=os.environ["FN"], EventSourceArn=os.environ["QUEUE"], BatchSize=3, FunctionResponseTypes=["ReportBatchItemFailures"])
listed = client.list_event_source_mappings(EventSourceArn=os.environ["QUEUE"])["EventSourceMappings"]
got = client.get_event_source_mapping(UUID=created["UUID"])
deleted = client.delete_event_source_mapping(UUID=created["UUID"])
try:
    client.create_event_source_mapping(FunctionName="no-such-function", EventSourceArn=os.environ["QUEUE"])
    missing = "created"
except client.exceptions.ResourceNotFoundException as error:
    missing = error.response["Error"]["Code"]
print(json.dumps({
    "created": created["State"], "batch": got["BatchSize"], "responseTypes": got["FunctionResponseTypes"],
    "listed": [m["UUID"] == created["UUID"] for m in listed], "deleted": deleted["State"], "missing": missing,
    "lastModifiedIsDate": hasattr(got["LastModified"], "year"),
}))
`,
    { ENDPOINT: bed.cloud.endpoint, FN: fn, QUEUE: queue.arn },
  );
  expect(JSON.parse(out)).toEqual({
    created: "Creating",
    batch: 3,
    responseTypes: ["ReportBatchItemFailures"],
    listed: [true],
    deleted: "Deleting",
    missing: "ResourceNotFoundException",
    lastModifiedIsDate: true,
  });
});
