/**
 * Event source ARNs, taken apart. A mapping names its source by ARN, as Lambda's
 * CreateEventSourceMapping does; the runtime derives queue names, stream names and the account
 * from it.
 */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | null {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return null;
  const [, partition, service, region, accountId, ...rest] = parts;
  return { partition, service, region, accountId, resource: rest.join(":") };
}

export type EventSourceKind = "sqs" | "kinesis" | "dynamodb";

/** Which kind of event source an ARN names, or null when it is none the runtime reads. */
export function eventSourceKind(arn: string): EventSourceKind | null {
  const parsed = parseArn(arn);
  if (!parsed) return null;
  if (parsed.service === "sqs" && parsed.resource.length > 0) return "sqs";
  if (parsed.service === "kinesis" && parsed.resource.startsWith("stream/")) return "kinesis";
  if (parsed.service === "dynamodb" && /^table\/[^/]+\/stream\/.+/.test(parsed.resource)) return "dynamodb";
  return null;
}

/** `arn:aws:sqs:us-east-1:123456789012:orders` → `orders`. */
export function queueNameFromArn(arn: string): string {
  return parseArn(arn)?.resource ?? arn;
}

/** `arn:aws:kinesis:us-east-1:123456789012:stream/clicks` → `clicks`. */
export function streamNameFromArn(arn: string): string {
  const resource = parseArn(arn)?.resource ?? "";
  return resource.startsWith("stream/") ? resource.slice("stream/".length).split("/")[0] : resource;
}

/** `arn:aws:dynamodb:...:table/Orders/stream/2024-...` → `Orders`. */
export function tableNameFromStreamArn(arn: string): string {
  const resource = parseArn(arn)?.resource ?? "";
  return resource.split("/")[1] ?? resource;
}

export function functionArn(region: string, accountId: string, functionName: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
}
