/**
 * `links.sqs`: SQS for other services in the same process (SNS delivers to queues, Pipes read
 * them). Each call behaves, and fails, exactly as the matching API operation would.
 */
import type { MessageAttribute, ReceivedMessage, SqsLink } from "../core/links";
import type { SqsModel } from "./model/sqs-model";
import { systemAttributes } from "./operations/received-message";

export function createSqsLink(model: SqsModel): SqsLink {
  const deadLetterQueue = model.findByArn;
  return {
    sendToArn(arn, message) {
      const queue = model.requireByArn(arn);
      const outcome = queue.send({
        body: message.body,
        attributes: message.attributes && Object.keys(message.attributes).length > 0 ? message.attributes : undefined,
        delaySeconds: message.delaySeconds,
        groupId: message.groupId,
        deduplicationId: message.deduplicationId,
        senderId: model.accountId,
      });
      return { messageId: outcome.messageId, sequenceNumber: outcome.sequenceNumber };
    },
    exists(arn) {
      return model.byArn(arn) !== undefined;
    },
    receiveFromArn(arn, options) {
      const queue = model.requireByArn(arn);
      const received = queue.receive({
        maxMessages: Math.max(1, Math.min(10, Math.floor(options.maxMessages))),
        visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
        deadLetterQueue,
      });
      if (received.length === 0 && options.countEmpty !== false) queue.recordEmptyReceive();
      return received.map(({ message, receiptHandle }): ReceivedMessage => ({
        messageId: message.id,
        receiptHandle,
        body: message.body,
        md5OfBody: message.md5OfBody,
        attributes: systemAttributes(message),
        messageAttributes: (message.attributes ?? {}) as Record<string, MessageAttribute>,
        md5OfMessageAttributes: message.md5OfAttributes,
      }));
    },
    deleteFromArn(arn, receiptHandle) {
      model.requireByArn(arn).deleteMessage(receiptHandle);
    },
    changeVisibilityByArn(arn, receiptHandle, seconds) {
      model.requireByArn(arn).changeVisibility(receiptHandle, seconds);
    },
  };
}
