import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { errorOf, useSqsTestBed } from "./helpers";

describe("error responses", () => {
  const bed = useSqsTestBed();

  async function rawJson(target: string, body: unknown) {
    const response = await fetch(bed.cloud.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": `AmazonSQS.${target}`,
        "x-amzn-query-mode": "true",
        authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0",
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, queryError: response.headers.get("x-amzn-query-error"), body: await response.json() };
  }

  it("sends the JSON error type and the legacy query code, as AWS's query-compatible SQS does", async () => {
    const missing = await rawJson("GetQueueUrl", { QueueName: "no-such-queue" });
    expect(missing).toEqual({
      status: 400,
      queryError: "AWS.SimpleQueueService.NonExistentQueue;Sender",
      body: { __type: "com.amazonaws.sqs#QueueDoesNotExist", message: "The specified queue does not exist." },
    });
    const invalid = await rawJson("ReceiveMessage", { QueueUrl: (await bed.createQueue("raw")).url, MaxNumberOfMessages: 11 });
    expect(invalid.status).toBe(400);
    expect(invalid.queryError).toBe("InvalidParameterValue;Sender");
    expect(invalid.body).toEqual({
      __type: "com.amazonaws.sqs#InvalidParameterValueException",
      message: "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.",
    });
    const unknown = await rawJson("FlyToTheMoon", {});
    expect(unknown.queryError).toBe("InvalidAction;Sender");
  });

  it("keeps the legacy InvalidParameterValue code in the query protocol's XML error", async () => {
    const queue = await bed.createQueue("raw-query");
    const response = await fetch(bed.cloud.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0",
      },
      body: new URLSearchParams({ Action: "ReceiveMessage", Version: "2012-11-05", QueueUrl: queue.url, MaxNumberOfMessages: "11" }).toString(),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>InvalidParameterValue</Code>");
  });

  it("gives the SDK the error names AWS gives it", async () => {
    const queue = await bed.createQueue("errors");
    expect(await errorOf(bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 21 })))).toMatchObject({
      name: "InvalidParameterValue",
      $fault: "client",
    });
    expect(await errorOf(bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, VisibilityTimeout: 43_201 })))).toMatchObject({
      name: "InvalidParameterValue",
    });
    expect(await errorOf(bed.sqs.send(new SendMessageCommand({ QueueUrl: `${bed.cloud.endpoint}/000000000000/gone`, MessageBody: "x" })))).toMatchObject({
      name: "QueueDoesNotExist",
      message: "The specified queue does not exist.",
    });
  });
});
