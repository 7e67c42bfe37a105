import { execFile, execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { startTestCloud } from "../test/harness";

const PYTHON = "/usr/bin/python3";
const hasBoto3 = (() => {
  try {
    execFileSync(PYTHON, ["-c", "import boto3"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** The lab's fan-out in boto3: a FIFO topic and a standard one, raw and wrapped delivery, errors. */
const SCENARIO = `
import json, os, sys, boto3
kw = dict(endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
sns, sqs = boto3.client("sns", **kw), boto3.client("sqs", **kw)
out = {}
topic = sns.create_topic(Name="OrderTopic")["TopicArn"]
queue = sqs.create_queue(QueueName="OrderQueue")["QueueUrl"]
arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
sub = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, ReturnSubscriptionArn=True)["SubscriptionArn"]
sns.set_subscription_attributes(SubscriptionArn=sub, AttributeName="FilterPolicyScope", AttributeValue="MessageBody")
sns.set_subscription_attributes(SubscriptionArn=sub, AttributeName="FilterPolicy", AttributeValue=json.dumps({"quantity": [{"numeric": [">", 0]}]}))
sns.publish(TopicArn=topic, Message=json.dumps({"orderId": "O1", "quantity": 2}), Subject="order",
            MessageAttributes={"blob": {"DataType": "Binary", "BinaryValue": b"\\x00\\xff"}})
sns.publish(TopicArn=topic, Message=json.dumps({"orderId": "O2", "quantity": 0}))
msgs = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
out["envelopes"] = [json.loads(m["Body"]) for m in msgs]
fifo = sns.create_topic(Name="prices.fifo", Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "true"})["TopicArn"]
first = sns.publish(TopicArn=fifo, Message="p", MessageGroupId="g")
again = sns.publish(TopicArn=fifo, Message="p", MessageGroupId="g")
out["fifo"] = [first["MessageId"] == again["MessageId"], first["SequenceNumber"]]
try:
    sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="nobody")
except sns.exceptions.InvalidParameterException as e:
    out["invalid"] = e.response["Error"]
try:
    sns.publish(TopicArn="arn:aws:sns:us-east-1:000000000000:gone", Message="x")
except sns.exceptions.NotFoundException as e:
    out["notFound"] = e.response["Error"]["Code"]
out["attributes"] = sns.get_subscription_attributes(SubscriptionArn=sub)["Attributes"]
sns.tag_resource(ResourceArn=topic, Tags=[{"Key": "Lab", "Value": "sns-fanout"}, {"Key": "Student", "Value": "user3"}])
sns.untag_resource(ResourceArn=topic, TagKeys=["Student"])
out["tags"] = sns.list_tags_for_resource(ResourceArn=topic)["Tags"]
json.dump(out, sys.stdout)
`;

describe("boto3 from Debian against SNS (query protocol)", () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(async () => {
    await cloud.close();
  });

  it.skipIf(!hasBoto3)(`runs the fan-out lab's calls${hasBoto3 ? "" : " (skipped: boto3 not installed for /usr/bin/python3)"}`, async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        PYTHON,
        ["-"],
        { env: { ...process.env, ENDPOINT: cloud.endpoint, AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" } },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      );
      child.stdin?.end(SCENARIO);
    });
    const result = JSON.parse(stdout);
    expect(result.envelopes).toHaveLength(1);
    expect(result.envelopes[0]).toMatchObject({
      Type: "Notification",
      TopicArn: "arn:aws:sns:us-east-1:000000000000:OrderTopic",
      Subject: "order",
      MessageAttributes: { blob: { Type: "Binary", Value: "AP8=" } },
    });
    expect(JSON.parse(result.envelopes[0].Message)).toEqual({ orderId: "O1", quantity: 2 });
    expect(result.fifo[0]).toBe(true);
    expect(result.fifo[1]).toMatch(/^\d{20}$/);
    expect(result.invalid).toMatchObject({ Code: "InvalidParameter", Message: "Invalid parameter: Email address", Type: "Sender" });
    expect(result.notFound).toBe("NotFound");
    expect(result.attributes).toMatchObject({ FilterPolicyScope: "MessageBody", PendingConfirmation: "false" });
    expect(result.tags).toEqual([{ Key: "Lab", Value: "sns-fanout" }]);
  }, 60_000);
});
