/**
 * SNS's operations, one function each, reading the query protocol's decoded form and returning
 * the SDK's output shape (rendered as XML by the service).
 */
import { randomBytes, randomUUID } from "node:crypto";
import type {
  CreateTopicResponse,
  GetSubscriptionAttributesResponse,
  GetTopicAttributesResponse,
  ListSubscriptionsByTopicResponse,
  ListSubscriptionsResponse,
  ListTagsForResourceResponse,
  ListTopicsResponse,
  PublishBatchResponse,
  PublishResponse,
  SubscribeResponse,
} from "@aws-sdk/client-sns";
import { AwsError } from "../core/errors";
import type { MessageAttribute } from "../core/links";
import { queryList, queryMap, queryString, type QueryNode, type QueryTree } from "../protocol/query";
import { XmlMap } from "../protocol/xml";
import {
  isSqsArn,
  subscriptionAttributes,
  topicAttributes,
  validateSubscriptionAttribute,
  validateTopicAttribute,
} from "./attributes";
import type { Delivery } from "./delivery";
import { snsErrors } from "./errors";
import type { FilterPolicyScope } from "./filter-policy";
import { SNS_PROTOCOLS, topicArn, topicArnOfSubscription, type SnsModel, type SnsProtocol, type Subscription, type Topic } from "./model";
import { publish, type PublishDeps, type PublishInput } from "./publish";

export interface SnsContext extends PublishDeps {
  model: SnsModel;
  delivery: Delivery;
  accountId: string;
}

export interface SnsRequest {
  region: string;
  host: string;
  params: QueryTree;
}

type Operation = (context: SnsContext, request: SnsRequest) => unknown;

const PAGE_SIZE = 100;
const MAX_TAGS = 50;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_TOPIC_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_BATCH_ENTRIES = 10;
const MAX_BATCH_BYTES = 262_144;

function str(params: QueryTree, name: string): string | undefined {
  return queryString(params[name]);
}

function required(params: QueryTree, name: string): string {
  const value = str(params, name);
  if (value === undefined || value === "") throw snsErrors.invalidParameter(`${name} Reason: no value for required parameter`);
  return value;
}

function stringMap(node: QueryNode | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [k, v] of Object.entries(queryMap(node))) if (typeof v === "string") result[k] = v;
  return result;
}

function messageAttributes(node: QueryNode | undefined): Record<string, MessageAttribute> {
  const result: Record<string, MessageAttribute> = {};
  for (const [name, value] of Object.entries(queryMap(node, { key: "Name", value: "Value" }))) {
    if (typeof value === "string") continue;
    result[name] = {
      DataType: queryString(value.DataType) ?? "",
      StringValue: queryString(value.StringValue),
      BinaryValue: queryString(value.BinaryValue),
    };
  }
  return result;
}

function tagsOf(node: QueryNode | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const item of queryList(node)) {
    if (typeof item === "string") continue;
    const key = queryString(item.Key);
    if (key === undefined) throw snsErrors.invalidParameter("Tags Reason: a tag key is missing");
    tags[key] = queryString(item.Value) ?? "";
  }
  return tags;
}

function validateTags(tags: Record<string, string>): void {
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128 || value.length > 256 || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(key + value)) {
      throw snsErrors.invalidParameter(`Tags Reason: the tag ${key} is not valid`);
    }
    if (key.toLowerCase().startsWith("aws:")) throw snsErrors.invalidParameter("Tags Reason: the aws: prefix is reserved");
  }
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const ak = Object.keys(a);
  return ak.length === Object.keys(b).length && ak.every((k) => a[k] === b[k]);
}

function pageOf<T>(items: T[], token: string | undefined): { items: T[]; nextToken?: string } {
  let offset = 0;
  if (token) {
    const decoded = Number(Buffer.from(token, "base64").toString("utf8"));
    if (!Number.isInteger(decoded) || decoded < 0) throw snsErrors.invalidParameter("NextToken");
    offset = decoded;
  }
  const slice = items.slice(offset, offset + PAGE_SIZE);
  const next = offset + PAGE_SIZE < items.length ? Buffer.from(String(offset + PAGE_SIZE)).toString("base64") : undefined;
  return { items: slice, nextToken: next };
}

function topicFor(context: SnsContext, arn: string | undefined, name = "TopicArn"): Topic {
  if (arn === undefined || arn === "") throw snsErrors.invalidParameter(`${name} Reason: no value for required parameter`);
  if (!/^arn:aws[\w-]*:sns:/.test(arn)) throw snsErrors.invalidParameter(name);
  const topic = context.model.getByArn(arn);
  if (!topic) throw snsErrors.topicNotFound();
  return topic;
}

function subscriptionFor(context: SnsContext, arn: string): { topic: Topic; subscription: Subscription } {
  if (!topicArnOfSubscription(arn)) throw snsErrors.invalidParameter("SubscriptionArn");
  const found = context.model.subscription(arn);
  if (!found) throw snsErrors.subscriptionNotFound();
  return found;
}

function createTopic(context: SnsContext, request: SnsRequest): CreateTopicResponse {
  const { params, region } = request;
  const name = required(params, "Name");
  const attributes = stringMap(params.Attributes);
  const tags = tagsOf(params.Tags);
  const dataProtection = str(params, "DataProtectionPolicy");
  if (dataProtection !== undefined) attributes.DataProtectionPolicy = dataProtection;
  const fifo = attributes.FifoTopic === "true";
  if (fifo ? !FIFO_TOPIC_NAME.test(name) : !TOPIC_NAME.test(name)) {
    throw snsErrors.invalidParameter(
      fifo || name.endsWith(".fifo")
        ? "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
        : "Topic Name",
    );
  }
  for (const [key, value] of Object.entries(attributes)) validateTopicAttribute(key, value, fifo, true);
  validateTags(tags);
  if (Object.keys(tags).length > MAX_TAGS) throw snsErrors.tagLimitExceeded();
  delete attributes.FifoTopic;

  const existing = context.model.get(region, name);
  if (existing) {
    const differs = Object.entries(attributes).some(([k, v]) => (existing.attributes[k] ?? "") !== v);
    if (differs) throw snsErrors.invalidParameter("Attributes Reason: Topic already exists with different attributes");
    if (Object.keys(tags).length > 0 && !sameRecord(tags, existing.tags)) {
      throw snsErrors.invalidParameter("Tags Reason: Topic already exists with different tags");
    }
    return { TopicArn: existing.arn };
  }
  const topic: Topic = {
    name,
    arn: topicArn(region, context.accountId, name),
    region,
    fifo,
    attributes,
    tags,
    subscriptions: [],
    subscriptionsDeleted: 0,
    lastSequence: "0",
    dedup: {},
    createdAt: context.now(),
  };
  context.model.add(topic);
  return { TopicArn: topic.arn };
}

function deleteTopic(context: SnsContext, request: SnsRequest): undefined {
  const arn = required(request.params, "TopicArn");
  const topic = context.model.getByArn(arn);
  if (topic) context.model.delete(topic);
  return undefined;
}

function listTopics(context: SnsContext, request: SnsRequest): ListTopicsResponse {
  const topics = context.model.list(request.region).sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  const { items, nextToken } = pageOf(topics, str(request.params, "NextToken"));
  return { Topics: items.map((t) => ({ TopicArn: t.arn })), NextToken: nextToken };
}

function getTopicAttributes(context: SnsContext, request: SnsRequest): GetTopicAttributesResponse {
  const topic = topicFor(context, str(request.params, "TopicArn"));
  return { Attributes: topicAttributes(topic, context.accountId) };
}

function setTopicAttributes(context: SnsContext, request: SnsRequest): undefined {
  const topic = topicFor(context, str(request.params, "TopicArn"));
  const name = required(request.params, "AttributeName");
  const value = str(request.params, "AttributeValue") ?? "";
  validateTopicAttribute(name, value, topic.fifo, false);
  if (value === "") delete topic.attributes[name];
  else topic.attributes[name] = value;
  context.model.save(topic);
  return undefined;
}

function validateEndpoint(topic: Topic, protocol: SnsProtocol, endpoint: string): void {
  if (topic.fifo && protocol !== "sqs") {
    throw snsErrors.invalidParameter(`Invalid protocol type: ${protocol}. FIFO topics deliver only to Amazon SQS queues.`);
  }
  switch (protocol) {
    case "sqs":
      if (!isSqsArn(endpoint)) throw snsErrors.invalidParameter("SQS endpoint ARN");
      if (!topic.fifo && endpoint.endsWith(".fifo")) {
        throw snsErrors.invalidParameter("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics");
      }
      return;
    case "email":
    case "email-json":
      if (!EMAIL.test(endpoint)) throw snsErrors.invalidParameter("Email address");
      return;
    case "http":
    case "https": {
      let url: URL;
      try {
        url = new URL(endpoint);
      } catch {
        throw snsErrors.invalidParameter("Endpoint must match the specified protocol");
      }
      if (url.protocol !== `${protocol}:`) throw snsErrors.invalidParameter("Endpoint must match the specified protocol");
      if (!LOOPBACK_HOSTS.has(url.hostname) && !url.hostname.endsWith(".localhost")) {
        throw snsErrors.invalidParameter(
          "Endpoint Reason: the local cloud delivers only to loopback addresses (127.0.0.1, localhost, [::1])",
        );
      }
      return;
    }
  }
}

function subscribe(context: SnsContext, request: SnsRequest): SubscribeResponse {
  const { params } = request;
  const topic = topicFor(context, str(params, "TopicArn"));
  const protocolText = required(params, "Protocol").toLowerCase();
  if (!(SNS_PROTOCOLS as readonly string[]).includes(protocolText)) {
    const known = ["lambda", "firehose", "application", "sms"].includes(protocolText);
    throw snsErrors.invalidParameter(
      known
        ? `Protocol Reason: the local cloud does not deliver to ${protocolText} endpoints (it delivers to sqs, email, email-json, http and https)`
        : `Amazon SNS does not support this protocol string: ${protocolText}`,
    );
  }
  const protocol = protocolText as SnsProtocol;
  const endpoint = str(params, "Endpoint");
  if (endpoint === undefined || endpoint === "") throw snsErrors.invalidParameter("Endpoint Reason: no value for required parameter");
  validateEndpoint(topic, protocol, endpoint);
  const attributes = stringMap(params.Attributes);
  const scope = (attributes.FilterPolicyScope ?? "MessageAttributes") as FilterPolicyScope;
  if (attributes.FilterPolicyScope !== undefined) {
    validateSubscriptionAttribute("FilterPolicyScope", attributes.FilterPolicyScope, { protocol, topicFifo: topic.fifo, scope });
  }
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "FilterPolicyScope") continue;
    validateSubscriptionAttribute(name, value, { protocol, topicFifo: topic.fifo, scope });
  }
  const returnArn = str(params, "ReturnSubscriptionArn") === "true";

  const existing = topic.subscriptions.find((s) => s.protocol === protocol && s.endpoint === endpoint);
  if (existing) {
    const differs = Object.entries(attributes).some(([k, v]) => (existing.attributes[k] ?? "") !== v);
    if (differs) throw snsErrors.invalidParameter("Attributes Reason: Subscription already exists with different attributes");
    if (existing.pendingConfirmation) {
      context.delivery.sendConfirmation(topic, existing);
      return { SubscriptionArn: returnArn ? existing.arn : "pending confirmation" };
    }
    return { SubscriptionArn: existing.arn };
  }

  const needsConfirmation = protocol !== "sqs";
  const subscription: Subscription = {
    arn: `${topic.arn}:${randomUUID()}`,
    topicArn: topic.arn,
    protocol,
    endpoint,
    owner: context.accountId,
    attributes,
    pendingConfirmation: needsConfirmation,
    confirmationWasAuthenticated: !needsConfirmation,
    token: needsConfirmation ? randomBytes(64).toString("hex") : undefined,
    createdAt: context.now(),
    host: request.host,
  };
  context.model.addSubscription(topic, subscription);
  if (needsConfirmation) {
    context.delivery.sendConfirmation(topic, subscription);
    return { SubscriptionArn: returnArn ? subscription.arn : "pending confirmation" };
  }
  return { SubscriptionArn: subscription.arn };
}

function confirmSubscription(context: SnsContext, request: SnsRequest): { SubscriptionArn: string } {
  const topic = topicFor(context, str(request.params, "TopicArn"));
  const token = required(request.params, "Token");
  const subscription = topic.subscriptions.find((s) => s.token === token);
  if (!subscription) throw snsErrors.invalidParameter("Token");
  if (subscription.pendingConfirmation) {
    subscription.pendingConfirmation = false;
    subscription.confirmationWasAuthenticated = str(request.params, "AuthenticateOnUnsubscribe") === "true";
    context.model.save(topic);
  }
  return { SubscriptionArn: subscription.arn };
}

function unsubscribe(context: SnsContext, request: SnsRequest): undefined {
  const { topic, subscription } = subscriptionFor(context, required(request.params, "SubscriptionArn"));
  context.model.removeSubscription(topic, subscription.arn);
  return undefined;
}

function listedSubscription(s: Subscription) {
  return {
    SubscriptionArn: s.pendingConfirmation ? "PendingConfirmation" : s.arn,
    Owner: s.owner,
    Protocol: s.protocol,
    Endpoint: s.endpoint,
    TopicArn: s.topicArn,
  };
}

function listSubscriptions(context: SnsContext, request: SnsRequest): ListSubscriptionsResponse {
  const { items, nextToken } = pageOf(context.model.allSubscriptions(request.region), str(request.params, "NextToken"));
  return { Subscriptions: items.map(listedSubscription), NextToken: nextToken };
}

function listSubscriptionsByTopic(context: SnsContext, request: SnsRequest): ListSubscriptionsByTopicResponse {
  const topic = topicFor(context, str(request.params, "TopicArn"));
  const { items, nextToken } = pageOf(topic.subscriptions, str(request.params, "NextToken"));
  return { Subscriptions: items.map(listedSubscription), NextToken: nextToken };
}

function getSubscriptionAttributes(context: SnsContext, request: SnsRequest): GetSubscriptionAttributesResponse {
  const { topic, subscription } = subscriptionFor(context, required(request.params, "SubscriptionArn"));
  return { Attributes: subscriptionAttributes(subscription, topic) };
}

function setSubscriptionAttributes(context: SnsContext, request: SnsRequest): undefined {
  const { topic, subscription } = subscriptionFor(context, required(request.params, "SubscriptionArn"));
  const name = required(request.params, "AttributeName");
  const value = str(request.params, "AttributeValue") ?? "";
  validateSubscriptionAttribute(name, value, {
    protocol: subscription.protocol,
    topicFifo: topic.fifo,
    scope: (subscription.attributes.FilterPolicyScope ?? "MessageAttributes") as FilterPolicyScope,
    filterPolicy: subscription.attributes.FilterPolicy,
  });
  if (value === "") delete subscription.attributes[name];
  else subscription.attributes[name] = name === "RawMessageDelivery" ? value.toLowerCase() : value;
  context.model.save(topic);
  return undefined;
}

function publishInput(params: QueryTree): PublishInput {
  return {
    message: queryString(params.Message),
    subject: queryString(params.Subject),
    messageStructure: queryString(params.MessageStructure),
    attributes: messageAttributes(params.MessageAttributes),
    groupId: queryString(params.MessageGroupId),
    deduplicationId: queryString(params.MessageDeduplicationId),
  };
}

function publishOperation(context: SnsContext, request: SnsRequest): PublishResponse {
  const { params } = request;
  if (str(params, "PhoneNumber")) {
    throw snsErrors.invalidParameter("PhoneNumber Reason: the local cloud does not send SMS messages");
  }
  const arn = str(params, "TopicArn") || str(params, "TargetArn");
  if (!arn) throw snsErrors.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
  const topic = topicFor(context, arn, str(params, "TopicArn") ? "TopicArn" : "TargetArn");
  const result = publish(context, topic, publishInput(params));
  return { MessageId: result.messageId, SequenceNumber: result.sequenceNumber };
}

function publishBatch(context: SnsContext, request: SnsRequest): PublishBatchResponse {
  const topic = topicFor(context, str(request.params, "TopicArn"));
  const entries = queryList(request.params.PublishBatchRequestEntries).filter((e): e is QueryTree => typeof e !== "string");
  if (entries.length === 0) throw snsErrors.emptyBatch();
  if (entries.length > MAX_BATCH_ENTRIES) throw snsErrors.tooManyEntries();
  const ids = entries.map((e) => queryString(e.Id) ?? "");
  if (ids.some((id) => !BATCH_ENTRY_ID.test(id))) throw snsErrors.invalidBatchEntryId();
  if (new Set(ids).size !== ids.length) throw snsErrors.batchIdsNotDistinct();
  const total = entries.reduce((sum, e) => sum + Buffer.byteLength(queryString(e.Message) ?? ""), 0);
  if (total > MAX_BATCH_BYTES) throw snsErrors.batchTooLong();

  const response: Required<Pick<PublishBatchResponse, "Successful" | "Failed">> = { Successful: [], Failed: [] };
  entries.forEach((entry, i) => {
    try {
      const result = publish(context, topic, publishInput(entry));
      response.Successful.push({ Id: ids[i], MessageId: result.messageId, SequenceNumber: result.sequenceNumber });
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      response.Failed.push({ Id: ids[i], Code: error.queryCode ?? error.code, Message: error.message, SenderFault: error.status < 500 });
    }
  });
  return response;
}

function taggedTopic(context: SnsContext, params: QueryTree): Topic {
  const arn = required(params, "ResourceArn");
  const topic = context.model.getByArn(arn);
  if (!topic) throw snsErrors.resourceNotFound();
  return topic;
}

function tagResource(context: SnsContext, request: SnsRequest): Record<string, never> {
  const topic = taggedTopic(context, request.params);
  const tags = tagsOf(request.params.Tags);
  validateTags(tags);
  const merged = { ...topic.tags, ...tags };
  if (Object.keys(merged).length > MAX_TAGS) throw snsErrors.tagLimitExceeded();
  topic.tags = merged;
  context.model.save(topic);
  return {};
}

function untagResource(context: SnsContext, request: SnsRequest): Record<string, never> {
  const topic = taggedTopic(context, request.params);
  for (const key of queryList(request.params.TagKeys)) if (typeof key === "string") delete topic.tags[key];
  context.model.save(topic);
  return {};
}

function listTagsForResource(context: SnsContext, request: SnsRequest): ListTagsForResourceResponse {
  const topic = taggedTopic(context, request.params);
  return { Tags: Object.entries(topic.tags).map(([Key, Value]) => ({ Key, Value })) };
}

export const snsOperations: Record<string, Operation> = {
  CreateTopic: createTopic,
  DeleteTopic: deleteTopic,
  ListTopics: listTopics,
  GetTopicAttributes: getTopicAttributes,
  SetTopicAttributes: setTopicAttributes,
  Subscribe: subscribe,
  ConfirmSubscription: confirmSubscription,
  Unsubscribe: unsubscribe,
  ListSubscriptions: listSubscriptions,
  ListSubscriptionsByTopic: listSubscriptionsByTopic,
  GetSubscriptionAttributes: getSubscriptionAttributes,
  SetSubscriptionAttributes: setSubscriptionAttributes,
  Publish: publishOperation,
  PublishBatch: publishBatch,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

/** Output members that are maps in SNS's XML (`<entry><key/><value/></entry>`). */
export function toXmlResult(output: unknown): unknown {
  if (output === undefined || output === null || typeof output !== "object") return output;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(output)) {
    if (value === undefined) continue;
    result[key] = key === "Attributes" && typeof value === "object" && value !== null ? new XmlMap(value as Record<string, unknown>) : value;
  }
  return result;
}
