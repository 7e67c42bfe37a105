/**
 * Delivering one event to a pipe's target through the in-process links, as Pipes would call
 * SendMessage or Publish. Target parameters may be dynamic (`$.body.customerId`), resolved
 * against the event. A delivery that fails throws the AwsError the API call would have.
 */
import { AwsError } from "../core/errors";
import type { Links } from "../core/links";
import { SQS_ARN, targetKindOf } from "./definition";
import { resolvePath } from "./input-template";
import type { JsonObject } from "./pipe";

function parameter(value: unknown, event: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (!value.startsWith("$.")) return value;
  const resolved = resolvePath(event, value);
  if (resolved === undefined || resolved === null) return undefined;
  return typeof resolved === "string" ? resolved : JSON.stringify(resolved);
}

export function deliver(links: Links, target: string, targetParameters: JsonObject, payload: string, view: unknown): void {
  if (targetKindOf(target) === "sqs") {
    const sqs = links.sqs;
    if (!sqs) throw new AwsError("ServiceUnavailable", "SQS is not running on this local cloud.", { status: 503 });
    const params = (targetParameters.SqsQueueParameters ?? {}) as JsonObject;
    const fifo = (SQS_ARN.exec(target)?.[3] ?? "").endsWith(".fifo");
    sqs.sendToArn(target, {
      body: payload,
      groupId: fifo ? parameter(params.MessageGroupId, view) : undefined,
      deduplicationId: fifo ? parameter(params.MessageDeduplicationId, view) : undefined,
    });
    return;
  }
  const sns = links.sns;
  if (!sns) throw new AwsError("ServiceUnavailable", "SNS is not running on this local cloud.", { status: 503 });
  sns.publishToArn(target, { message: payload });
}
