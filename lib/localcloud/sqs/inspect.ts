/**
 * The side-effect-free developer API (LocalStack-style): what is in each queue and every message
 * with its state, without receiving anything. Due timers are not applied here; a message whose
 * visibility timeout or delay has run out is simply reported as visible.
 *
 *   GET /_localcloud/sqs/queues?region=us-east-1
 *   GET /_localcloud/sqs/messages?region=us-east-1&queue=<name>
 */
import { AwsError } from "../core/errors";
import type { InspectRequest } from "../core/service";
import { DEFAULT_REGION } from "../router";
import type { Queue } from "./model/queue";
import type { SqsModel } from "./model/sqs-model";
import { systemAttributes } from "./operations/received-message";

export type InspectedState = "visible" | "inFlight" | "delayed";

function url(host: string | undefined, queue: Queue): string {
  return `http://${host ?? "127.0.0.1"}/${queue.accountId}/${queue.name}`;
}

function countsAt(queue: Queue, now: number) {
  let visible = 0;
  let inFlight = 0;
  let delayed = 0;
  for (const message of queue.messages.values()) {
    if (message.expiresAt <= now) continue;
    if (message.state === "visible" || message.visibleAt <= now) visible += 1;
    else if (message.state === "inflight") inFlight += 1;
    else delayed += 1;
  }
  return { visible, inFlight, delayed };
}

export function inspectSqs(model: SqsModel, request: InspectRequest): unknown {
  if (request.method !== "GET") throw new AwsError("MethodNotAllowed", "SQS inspection is read-only: use GET.", { status: 405 });
  const region = request.query.get("region") || DEFAULT_REGION;
  const now = model.clock.now();
  if (request.subpath === "queues") {
    const queues = [...model.queuesIn(region).values()].sort((a, b) => a.name.localeCompare(b.name));
    return {
      region,
      now,
      queues: queues.map((queue) => ({
        name: queue.name,
        url: url(request.host, queue),
        arn: queue.arn,
        fifo: queue.fifo,
        counts: countsAt(queue, now),
        deadLetterTargetArn: queue.settings.redrivePolicy?.deadLetterTargetArn ?? null,
        maxReceiveCount: queue.settings.redrivePolicy?.maxReceiveCount ?? null,
        visibilityTimeoutSeconds: queue.settings.visibilityTimeoutSeconds,
        tags: { ...queue.tags },
      })),
    };
  }
  if (request.subpath === "messages") {
    const name = request.query.get("queue");
    if (!name) throw new AwsError("MissingParameter", "Give the queue's name: ?queue=<name>.", { status: 400 });
    const queue = model.get(region, name);
    if (!queue) throw new AwsError("QueueDoesNotExist", `No queue ${name} in ${region}.`, { status: 404 });
    const messages = [];
    for (const message of queue.messages.values()) {
      if (message.expiresAt <= now) continue;
      const state: InspectedState =
        message.state === "visible" || message.visibleAt <= now ? "visible" : message.state === "inflight" ? "inFlight" : "delayed";
      messages.push({
        messageId: message.id,
        body: message.body,
        md5OfBody: message.md5OfBody,
        systemAttributes: systemAttributes(message),
        messageAttributes: message.attributes ?? {},
        receiveCount: message.receiveCount,
        state,
        sentAt: message.sentAt,
        visibleAt: state === "visible" ? null : message.visibleAt,
        visibleInSeconds: state === "visible" ? 0 : Math.ceil((message.visibleAt - now) / 1000),
        expiresAt: message.expiresAt,
        groupId: message.groupId ?? null,
        sequenceNumber: message.sequenceNumber ?? null,
        deadLetterSourceArn: message.deadLetterSourceArn ?? null,
      });
    }
    return { region, now, queue: { name: queue.name, url: url(request.host, queue), arn: queue.arn, fifo: queue.fifo }, messages };
  }
  throw new AwsError("NotFound", `No SQS inspection route ${request.subpath}; use queues or messages.`, { status: 404 });
}
