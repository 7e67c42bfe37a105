/**
 * Taking the order out of an SQS body: SNS's envelope (the order is a JSON string inside
 * `Message`), raw message delivery (the body is the order), and every way it can go wrong.
 */
import { describe, expect, it } from "vitest";
import { orderFromSqsBody, unwrapSqsBody } from "./order-message";

const order = { orderId: "O1234", userId: "U123", itemName: "Laptop", quantity: 1, status: "new", timestamp: "2025-05-03T12:00:00Z" };
const topicArn = "arn:aws:sns:us-east-1:123456789012:user3-OrderTopic";

/** An envelope laid out the way SNS lays it out (two-space indent, `"Key" : value`). */
function envelope(fields: Record<string, unknown>): string {
  const document = {
    Type: "Notification",
    MessageId: "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
    TopicArn: topicArn,
    Message: JSON.stringify(order),
    Timestamp: "2025-05-03T12:00:01.000Z",
    SignatureVersion: "1",
    Signature: "EXAMPLEpH+...",
    SigningCertURL: "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-example.pem",
    UnsubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=...",
    ...fields,
  };
  return `{\n${Object.entries(document).map(([k, v]) => `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`).join(",\n")}\n}`;
}

describe("unwrapping an SQS body", () => {
  it("parses an SNS envelope twice: the body, then the JSON string in Message", () => {
    const result = orderFromSqsBody(envelope({ MessageAttributes: { quantity: { Type: "Number", Value: "1" } } }));
    expect(result).toMatchObject({ ok: true, delivery: "sns-envelope", order });
    if (!result.ok) throw new Error("unreachable");
    expect(result.envelope).toMatchObject({ Type: "Notification", TopicArn: topicArn, MessageAttributes: { quantity: { Type: "Number", Value: "1" } } });
    expect(typeof result.envelope?.Message).toBe("string");
  });

  it("reads a raw delivery's body as the order itself", () => {
    expect(orderFromSqsBody(JSON.stringify(order))).toEqual({ ok: true, delivery: "raw", order, envelope: undefined });
  });

  it("says the body is not JSON", () => {
    expect(unwrapSqsBody("order O1234 for a laptop")).toMatchObject({ ok: false, failure: "body-not-json", reason: 'the message body is not JSON ("order O1234 for a laptop")' });
  });

  it("says the envelope's Message is not JSON (a plain-text publish)", () => {
    expect(unwrapSqsBody(envelope({ Message: "hello from the console" }))).toMatchObject({
      ok: false,
      failure: "message-not-json",
      delivery: "sns-envelope",
      reason: 'the envelope\'s Message is not JSON ("hello from the console")',
    });
  });

  it("refuses an SNS document that is not a Notification", () => {
    const confirmation = envelope({ Type: "SubscriptionConfirmation", Token: "2336412f37", SubscribeURL: "https://sns.example/?Action=ConfirmSubscription" });
    expect(unwrapSqsBody(confirmation)).toMatchObject({ ok: false, failure: "not-a-notification", reason: "an SNS SubscriptionConfirmation, not a Notification: there is no order in it" });
  });

  it("refuses JSON of the wrong type, wrapped or raw", () => {
    expect(unwrapSqsBody(envelope({ Message: "[1,2,3]" }))).toMatchObject({ ok: false, failure: "not-an-object", reason: "the envelope's Message is an array, not a JSON object" });
    expect(unwrapSqsBody(envelope({ Message: '"O1234"' }))).toMatchObject({ ok: false, failure: "not-an-object", reason: "the envelope's Message is a string, not a JSON object" });
    expect(unwrapSqsBody("42")).toMatchObject({ ok: false, failure: "not-an-object", delivery: "raw", reason: "the message body is a number, not a JSON object" });
    expect(unwrapSqsBody("null")).toMatchObject({ ok: false, failure: "not-an-object", reason: "the message body is null, not a JSON object" });
  });

  it("unwraps a well-formed message and then checks the order in it", () => {
    const malformed = envelope({ Message: JSON.stringify({ ...order, quantity: "two" }) });
    expect(orderFromSqsBody(malformed)).toMatchObject({
      ok: false,
      failure: "invalid-order",
      delivery: "sns-envelope",
      reason: "not a valid order: quantity must be a number, not a string",
    });
  });

  it("treats a raw order that happens to have a Type field as an order, not an envelope", () => {
    expect(orderFromSqsBody(JSON.stringify({ ...order, Type: "retail" }))).toMatchObject({ ok: true, delivery: "raw" });
  });
});
