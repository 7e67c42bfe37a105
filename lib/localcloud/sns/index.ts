/**
 * SNS: topics (standard and FIFO), subscriptions (sqs, email, email-json, loopback http/https)
 * with filter policies, raw delivery and dead-letter queues, Publish and PublishBatch, tags; the
 * email outbox; AWS/SNS metrics every virtual minute. Speaks the query protocol (form in, XML
 * out), as today's SDK, the AWS CLI and boto3 all do for SNS. Fills `links.sns`.
 *
 * Inspection (side-effect free):
 *   GET /_localcloud/sns/outbox?region=&topic=   emails SNS would have sent (topic: name or ARN)
 *   GET /_localcloud/sns/topics?region=           topics with their subscriptions
 *   GET /_localcloud/sns/signing-cert             the public key notifications are signed with
 */
import { AwsError } from "../core/errors";
import type { InspectRequest, ServiceContext, ServiceModule, ServiceRequest } from "../core/service";
import { decodeQueryTree, queryErrorResponse, queryResponse } from "../protocol/query";
import { DEFAULT_REGION } from "../router";
import { subscriptionAttributes, topicAttributes } from "./attributes";
import { Delivery } from "./delivery";
import { signingPublicKeyPem } from "./envelope";
import { snsErrors } from "./errors";
import { SnsMetrics } from "./metrics";
import { parseTopicArn, SnsModel, topicArn } from "./model";
import { snsOperations, toXmlResult, type SnsContext } from "./operations";
import { Outbox } from "./outbox";
import { publish } from "./publish";

const XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";

export function createSnsService(context: ServiceContext): ServiceModule {
  const { clock, store, links, accountId } = context;
  const model = new SnsModel(store, accountId);
  model.restore();
  const outbox = new Outbox(store);
  outbox.restore();
  const metrics = new SnsMetrics();
  const delivery = new Delivery({ clock, links, model, outbox, metrics });
  const snsContext: SnsContext = { model, delivery, metrics, accountId, now: () => clock.now() };

  links.sns = {
    publishToArn(arn, message) {
      const topic = model.getByArn(arn);
      if (!topic) throw snsErrors.topicNotFound();
      const result = publish(snsContext, topic, {
        message: message.message,
        subject: message.subject,
        messageStructure: message.messageStructure,
        attributes: message.attributes ?? {},
        groupId: message.groupId,
        deduplicationId: message.deduplicationId,
      });
      return { messageId: result.messageId, sequenceNumber: result.sequenceNumber };
    },
    exists(arn) {
      return model.getByArn(arn) !== undefined;
    },
  };

  const stopMinutes = clock.everyMinute((minuteStart) => {
    metrics.emit(minuteStart, links.metrics);
    delivery.expireUnconfirmed(clock.now());
  });

  function topicArnFrom(query: URLSearchParams, region: string): string | undefined {
    const topic = query.get("topic");
    if (!topic) return undefined;
    return parseTopicArn(topic) ? topic : topicArn(region, accountId, topic);
  }

  return {
    name: "sns",
    match: { signingNames: ["sns"], queryVersions: ["2010-03-31"], unsignedQueryActions: ["Unsubscribe", "ConfirmSubscription"] },
    async handle(request: ServiceRequest) {
      try {
        const operation = snsOperations[request.operation];
        if (!operation) throw snsErrors.invalidAction(request.operation);
        const output = operation(snsContext, { region: request.region, host: request.host, params: decodeQueryTree(request.params) });
        return queryResponse(request.operation, toXmlResult(output), { xmlns: XMLNS, requestId: request.requestId });
      } catch (error) {
        if (error instanceof AwsError) return queryErrorResponse(error, { xmlns: XMLNS, requestId: request.requestId });
        console.error("[localcloud] sns failed:", error);
        return queryErrorResponse(snsErrors.internal(), { xmlns: XMLNS, requestId: request.requestId });
      }
    },
    async inspect(request: InspectRequest) {
      if (request.method !== "GET") throw new AwsError("MethodNotAllowed", "The SNS inspection routes only answer GET.", { status: 405 });
      const region = request.query.get("region") || DEFAULT_REGION;
      switch (request.subpath) {
        case "outbox":
          return { emails: outbox.list(region, topicArnFrom(request.query, region)) };
        case "topics":
          return {
            topics: model.list(region).map((topic) => ({
              name: topic.name,
              arn: topic.arn,
              fifo: topic.fifo,
              attributes: topicAttributes(topic, accountId),
              tags: topic.tags,
              subscriptions: topic.subscriptions.map((s) => subscriptionAttributes(s, topic)),
            })),
          };
        case "signing-cert":
          return { publicKeyPem: signingPublicKeyPem() };
        default:
          throw new AwsError("NotFound", `No SNS inspection route ${request.subpath}.`, { status: 404 });
      }
    },
    async close() {
      stopMinutes();
    },
  };
}
