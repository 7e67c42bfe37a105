/**
 * SQS's query-protocol results: its XML flattens every list and map (`<QueueUrl>` repeated,
 * `<Attribute><Name/><Value/></Attribute>`, `<Message>` repeated, `<Tag><Key/><Value/></Tag>`).
 * Each operation's JSON-shaped result is reshaped here into the element names the XML uses.
 */
import { XmlMap, type XmlShape } from "../../protocol/xml";
import type { WireMessage } from "../operations/received-message";

type Result = Record<string, unknown>;

const nameValue = { keyName: "Name", valueName: "Value", flattened: true } as const;

function batchResult(successName: string) {
  return (result: Result) => ({
    [successName]: result.Successful,
    BatchResultErrorEntry: result.Failed,
  });
}

function message(m: WireMessage) {
  return {
    MessageId: m.MessageId,
    ReceiptHandle: m.ReceiptHandle,
    MD5OfBody: m.MD5OfBody,
    Body: m.Body,
    Attribute: m.Attributes ? new XmlMap(m.Attributes, nameValue) : undefined,
    MD5OfMessageAttributes: m.MD5OfMessageAttributes,
    MessageAttribute: m.MessageAttributes ? new XmlMap(m.MessageAttributes, nameValue) : undefined,
  };
}

const reshape: Record<string, (result: Result) => unknown> = {
  ListQueues: (r) => ({ QueueUrl: r.QueueUrls, NextToken: r.NextToken }),
  ListDeadLetterSourceQueues: (r) => ({ QueueUrl: r.queueUrls, NextToken: r.NextToken }),
  GetQueueAttributes: (r) => ({ Attribute: r.Attributes ? new XmlMap(r.Attributes as Record<string, string>, nameValue) : undefined }),
  ListQueueTags: (r) => ({ Tag: r.Tags ? new XmlMap(r.Tags as Record<string, string>, { keyName: "Key", valueName: "Value", flattened: true }) : undefined }),
  ReceiveMessage: (r) => ({ Message: ((r.Messages as WireMessage[] | undefined) ?? []).map(message) }),
  SendMessageBatch: batchResult("SendMessageBatchResultEntry"),
  DeleteMessageBatch: batchResult("DeleteMessageBatchResultEntry"),
  ChangeMessageVisibilityBatch: batchResult("ChangeMessageVisibilityBatchResultEntry"),
  ListMessageMoveTasks: (r) => ({ Results: r.Results }),
};

/** Operations whose query response has no `<OpResult>` element. */
const NO_RESULT = new Set([
  "DeleteQueue",
  "PurgeQueue",
  "SetQueueAttributes",
  "TagQueue",
  "UntagQueue",
  "DeleteMessage",
  "ChangeMessageVisibility",
  "AddPermission",
  "RemovePermission",
]);

export const sqsXmlShape: XmlShape = {
  flattened: new Set([
    "QueueUrl",
    "Message",
    "SendMessageBatchResultEntry",
    "DeleteMessageBatchResultEntry",
    "ChangeMessageVisibilityBatchResultEntry",
    "BatchResultErrorEntry",
    "Results",
  ]),
};

export function queryResult(operation: string, result: Result): unknown {
  if (NO_RESULT.has(operation)) return undefined;
  return reshape[operation]?.(result) ?? result;
}
