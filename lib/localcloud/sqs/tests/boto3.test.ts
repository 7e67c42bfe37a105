import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { useSqsTestBed } from "./helpers";

const PYTHON = "/usr/bin/python3";
const run = promisify(execFile);

async function hasBoto3(): Promise<boolean> {
  try {
    await run(PYTHON, ["-c", "import boto3"]);
    return true;
  } catch {
    return false;
  }
}
const available = await hasBoto3();

const SCRIPT = String.raw`
import json, os, boto3
sqs = boto3.client("sqs", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")
out = {}
dlq = sqs.create_queue(QueueName="boto-dlq.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
url = sqs.create_queue(QueueName="boto-orders.fifo", Attributes={
    "FifoQueue": "true", "ContentBasedDeduplication": "true", "VisibilityTimeout": "0",
    "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2})})["QueueUrl"]
out["url"] = url
first = sqs.send_message(QueueUrl=url, MessageBody="order-1", MessageGroupId="table-4",
                         MessageAttributes={"Priority": {"DataType": "Number", "StringValue": "2"}})
dup = sqs.send_message(QueueUrl=url, MessageBody="order-1", MessageGroupId="table-4")
out["dedup"] = first["MessageId"] == dup["MessageId"]
out["sequence"] = first["SequenceNumber"]
sqs.send_message_batch(QueueUrl=url, Entries=[
    {"Id": "b", "MessageBody": "order-2", "MessageGroupId": "table-4"},
    {"Id": "c", "MessageBody": "order-3", "MessageGroupId": "table-5"}])
got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"], MessageAttributeNames=["All"])
out["bodies"] = [m["Body"] for m in got["Messages"]]
out["groups"] = [m["Attributes"]["MessageGroupId"] for m in got["Messages"]]
out["priority"] = got["Messages"][0]["MessageAttributes"]["Priority"]["StringValue"]
for _ in range(3):
    sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
out["dlq"] = sorted(m["Body"] for m in sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10).get("Messages", []))
out["attributes"] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
try:
    sqs.get_queue_url(QueueName="boto-missing")
except sqs.exceptions.QueueDoesNotExist as error:
    out["missing"] = error.response["Error"]["Code"]
try:
    sqs.delete_message(QueueUrl=url, ReceiptHandle="nonsense")
except sqs.exceptions.ReceiptHandleIsInvalid as error:
    out["handle"] = [error.response["Error"]["Code"], error.response["ResponseMetadata"]["HTTPStatusCode"]]
print(json.dumps(out))
`;

describe("boto3 from Debian (query protocol)", () => {
  const bed = useSqsTestBed();

  it.skipIf(!available)(`drives a FIFO queue with a DLQ${available ? "" : " (skipped: boto3 not installed for /usr/bin/python3)"}`, async () => {
    const { stdout } = await run(PYTHON, ["-c", SCRIPT], { env: { ...process.env, ENDPOINT: bed.cloud.endpoint, AWS_CONFIG_FILE: "/nonexistent" } });
    const out = JSON.parse(stdout);
    expect(out.url).toBe(`${bed.cloud.endpoint}/000000000000/boto-orders.fifo`);
    expect(out.dedup).toBe(true);
    expect(out.sequence).toMatch(/^\d{20}$/);
    expect(out.bodies).toEqual(["order-1", "order-2", "order-3"]);
    expect(out.groups).toEqual(["table-4", "table-4", "table-5"]);
    expect(out.priority).toBe("2");
    expect(out.dlq).toEqual(["order-1", "order-2", "order-3"]);
    expect(out.attributes).toMatchObject({ FifoQueue: "true", ContentBasedDeduplication: "true", ApproximateNumberOfMessages: "0" });
    expect(out.missing).toBe("AWS.SimpleQueueService.NonExistentQueue");
    expect(out.handle).toEqual(["ReceiptHandleIsInvalid", 404]);
  }, 60_000);
});
