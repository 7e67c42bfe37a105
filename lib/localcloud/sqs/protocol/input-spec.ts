/**
 * The shape of each operation's input, once, for both wire formats: the JSON protocol's member
 * names and types, and the names the query protocol flattens them under (`Attribute.N.Name`,
 * `MessageAttribute.N.Value.StringValue`, `SendMessageBatchRequestEntry.N.Id`...). The JSON
 * reader checks types against it; the query reader rebuilds the JSON shape from form fields.
 */
import { AwsError } from "../../core/errors";
import type { MessageAttribute } from "../../core/links";
import { queryList, type QueryNode, type QueryTree } from "../../protocol/query";
import { sqsErrors } from "../errors";

export type FieldSpec =
  | { kind: "string" }
  | { kind: "integer" }
  | { kind: "stringList"; query: string }
  | { kind: "stringMap"; query: readonly string[]; key: "Name" | "Key" }
  | { kind: "attributeValues"; query: string }
  | { kind: "entries"; query: string; fields: InputSpec };

export type InputSpec = Record<string, FieldSpec>;

const S = { kind: "string" } as const;
const I = { kind: "integer" } as const;
const messageAttributes = { kind: "attributeValues", query: "MessageAttribute" } as const;
const systemAttributes = { kind: "attributeValues", query: "MessageSystemAttribute" } as const;
const queueAttributes = { kind: "stringMap", query: ["Attribute", "Attributes"], key: "Name" } as const;
const tags = { kind: "stringMap", query: ["Tag", "Tags"], key: "Key" } as const;

export const inputSpecs: Record<string, InputSpec> = {
  CreateQueue: { QueueName: S, Attributes: queueAttributes, tags },
  GetQueueUrl: { QueueName: S, QueueOwnerAWSAccountId: S },
  ListQueues: { QueueNamePrefix: S, NextToken: S, MaxResults: I },
  GetQueueAttributes: { QueueUrl: S, AttributeNames: { kind: "stringList", query: "AttributeName" } },
  SetQueueAttributes: { QueueUrl: S, Attributes: queueAttributes },
  DeleteQueue: { QueueUrl: S },
  PurgeQueue: { QueueUrl: S },
  TagQueue: { QueueUrl: S, Tags: tags },
  UntagQueue: { QueueUrl: S, TagKeys: { kind: "stringList", query: "TagKey" } },
  ListQueueTags: { QueueUrl: S },
  SendMessage: {
    QueueUrl: S,
    MessageBody: S,
    DelaySeconds: I,
    MessageAttributes: messageAttributes,
    MessageSystemAttributes: systemAttributes,
    MessageDeduplicationId: S,
    MessageGroupId: S,
  },
  SendMessageBatch: {
    QueueUrl: S,
    Entries: {
      kind: "entries",
      query: "SendMessageBatchRequestEntry",
      fields: {
        Id: S,
        MessageBody: S,
        DelaySeconds: I,
        MessageAttributes: messageAttributes,
        MessageSystemAttributes: systemAttributes,
        MessageDeduplicationId: S,
        MessageGroupId: S,
      },
    },
  },
  ReceiveMessage: {
    QueueUrl: S,
    AttributeNames: { kind: "stringList", query: "AttributeName" },
    MessageSystemAttributeNames: { kind: "stringList", query: "MessageSystemAttributeName" },
    MessageAttributeNames: { kind: "stringList", query: "MessageAttributeName" },
    MaxNumberOfMessages: I,
    VisibilityTimeout: I,
    WaitTimeSeconds: I,
    ReceiveRequestAttemptId: S,
  },
  DeleteMessage: { QueueUrl: S, ReceiptHandle: S },
  DeleteMessageBatch: {
    QueueUrl: S,
    Entries: { kind: "entries", query: "DeleteMessageBatchRequestEntry", fields: { Id: S, ReceiptHandle: S } },
  },
  ChangeMessageVisibility: { QueueUrl: S, ReceiptHandle: S, VisibilityTimeout: I },
  ChangeMessageVisibilityBatch: {
    QueueUrl: S,
    Entries: {
      kind: "entries",
      query: "ChangeMessageVisibilityBatchRequestEntry",
      fields: { Id: S, ReceiptHandle: S, VisibilityTimeout: I },
    },
  },
  ListDeadLetterSourceQueues: { QueueUrl: S, NextToken: S, MaxResults: I },
  StartMessageMoveTask: { SourceArn: S, DestinationArn: S, MaxNumberOfMessagesPerSecond: I },
  ListMessageMoveTasks: { SourceArn: S, MaxResults: I },
  CancelMessageMoveTask: { TaskHandle: S },
  AddPermission: {
    QueueUrl: S,
    Label: S,
    AWSAccountIds: { kind: "stringList", query: "AWSAccountId" },
    Actions: { kind: "stringList", query: "ActionName" },
  },
  RemovePermission: { QueueUrl: S, Label: S },
};

function invalid(name: string, value: unknown, expected: string): AwsError {
  const shown = typeof value === "string" ? value : JSON.stringify(value);
  return sqsErrors.invalidParameterValue(`Value ${shown} for parameter ${name} is invalid. Reason: must be ${expected}.`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function checkAttributeValues(name: string, value: unknown): Record<string, MessageAttribute> {
  if (!isObject(value)) throw invalid(name, value, "a map of message attributes");
  for (const [key, attribute] of Object.entries(value)) {
    if (!isObject(attribute)) throw invalid(`${name}.${key}`, attribute, "a message attribute value");
    for (const member of ["DataType", "StringValue", "BinaryValue"] as const) {
      if (attribute[member] !== undefined && typeof attribute[member] !== "string") {
        throw invalid(`${name}.${key}.${member}`, attribute[member], "a string");
      }
    }
  }
  return value as Record<string, MessageAttribute>;
}

/** Checks a JSON-protocol input against the spec (in place) and returns it typed by the caller. */
export function checkJsonInput(spec: InputSpec, input: Record<string, unknown>): Record<string, unknown> {
  for (const name in spec) {
    const value = input[name];
    if (value === undefined || value === null) {
      if (value === null) delete input[name];
      continue;
    }
    const field = spec[name];
    switch (field.kind) {
      case "string":
        if (typeof value !== "string") throw invalid(name, value, "a string");
        break;
      case "integer":
        if (typeof value !== "number" || !Number.isInteger(value)) throw invalid(name, value, "an integer");
        break;
      case "stringList":
        if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw invalid(name, value, "a list of strings");
        break;
      case "stringMap":
        if (!isObject(value)) throw invalid(name, value, "a map of strings");
        for (const key in value) {
          const v = value[key];
          if (typeof v === "number" || typeof v === "boolean") value[key] = String(v);
          else if (typeof v !== "string") throw invalid(`${name}.${key}`, v, "a string");
        }
        break;
      case "attributeValues":
        checkAttributeValues(name, value);
        break;
      case "entries":
        if (!Array.isArray(value)) throw invalid(name, value, "a list");
        for (const entry of value) {
          if (!isObject(entry)) throw invalid(name, entry, "a list of structures");
          checkJsonInput(field.fields, entry);
        }
        break;
    }
  }
  return input;
}

function leaf(node: QueryNode | undefined): string | undefined {
  return typeof node === "string" ? node : undefined;
}

/** Items of a flattened list (`Name.1`, `Name.2`), also accepting the wrapped `Name.member.1`. */
function flattenedItems(node: QueryNode | undefined): QueryNode[] {
  if (node !== undefined && typeof node !== "string" && typeof node.member === "object") return queryList(node, "member");
  return queryList(node, null);
}

/** Rebuilds the JSON-protocol input from a query request's decoded form fields. */
export function readQueryInput(spec: InputSpec, tree: QueryTree): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name in spec) {
    const field = spec[name];
    switch (field.kind) {
      case "string": {
        const value = leaf(tree[name]);
        if (value !== undefined) input[name] = value;
        break;
      }
      case "integer": {
        const value = leaf(tree[name]);
        if (value === undefined) break;
        if (!/^[+-]?\d+$/.test(value.trim())) throw invalid(name, value, "an integer");
        input[name] = Number(value);
        break;
      }
      case "stringList": {
        const items = flattenedItems(tree[field.query] ?? tree[name]).map(leaf).filter((v): v is string => v !== undefined);
        if (items.length > 0) input[name] = items;
        break;
      }
      case "stringMap": {
        const map: Record<string, string> = {};
        let found = false;
        for (const queryName of field.query) {
          for (const item of flattenedItems(tree[queryName])) {
            if (typeof item === "string") continue;
            const key = leaf(item[field.key]);
            if (key === undefined) continue;
            map[key] = leaf(item.Value) ?? "";
            found = true;
          }
        }
        if (found) input[name] = map;
        break;
      }
      case "attributeValues": {
        const map: Record<string, MessageAttribute> = {};
        let found = false;
        for (const item of flattenedItems(tree[field.query])) {
          if (typeof item === "string") continue;
          const key = leaf(item.Name);
          const value = item.Value;
          if (key === undefined || value === undefined || typeof value === "string") continue;
          const attribute: MessageAttribute = { DataType: leaf(value.DataType) ?? "" };
          const stringValue = leaf(value.StringValue);
          const binaryValue = leaf(value.BinaryValue);
          if (stringValue !== undefined) attribute.StringValue = stringValue;
          if (binaryValue !== undefined) attribute.BinaryValue = binaryValue;
          map[key] = attribute;
          found = true;
        }
        if (found) input[name] = map;
        break;
      }
      case "entries": {
        const entries = flattenedItems(tree[field.query] ?? tree[name])
          .filter((item): item is QueryTree => typeof item !== "string")
          .map((item) => readQueryInput(field.fields, item));
        if (entries.length > 0) input[name] = entries;
        break;
      }
    }
  }
  return input;
}
