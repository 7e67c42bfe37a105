import { describe, expect, it } from "vitest";
import { boto3Available, boto3SkipReason, runBoto3Script } from "../test/boto3";
import { cloudForTests } from "../test/test-bed";

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
  const bed = cloudForTests({});

  it.skipIf(!boto3Available)(`runs the fan-out lab's calls${boto3SkipReason}`, async () => {
    const stdout = await runBoto3Script(SCENARIO, { ENDPOINT: bed.cloud.endpoint });
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
