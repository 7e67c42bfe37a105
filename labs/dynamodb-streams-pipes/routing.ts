/**
 * The high-value pipe's filter and input template, in the two designs the lab compares, and a
 * tester that runs a sample order through them exactly as Pipes would present it. Server-side
 * only (the pattern and template engines are the local cloud's pure modules), never a panel.
 *
 * - "queue": the seed's design. The pipe reads the processing queue, whose bodies are the order
 *   as JSON, so `numeric` can compare the amount. It competes with the worker for every message,
 *   and deletes what its filter drops.
 * - "stream": the better design. The pipe reads the table's stream, where every number is a
 *   string (`{"N": "25000"}`): a `numeric` filter never matches it, on AWS as on the local cloud.
 *   The filter matches the value tier the API wrote instead, and INSERTs only (the worker's
 *   updates come through the stream too).
 */
import { randomUUID } from "node:crypto";
import { marshall } from "@aws-sdk/util-dynamodb";
import { EventPatternError, matchesEventPattern, parseEventPattern, type EventPattern, type Matcher } from "@/lib/localcloud/pipes/event-pattern";
import { InputTemplateError, renderInputTemplate, validateInputTemplate } from "@/lib/localcloud/pipes/input-template";
import { checkNewOrder, describeJson, valueTierOf } from "./order";
import type { RoutingDesign } from "./routing-designs";

export { compactJson, DESIGNS, NUMERIC_STREAM_FILTER, QUEUE_FILTER, QUEUE_TEMPLATE, SAMPLE_ORDERS, STREAM_FILTER, STREAM_TEMPLATE, type RoutingDesign, type SampleOrder } from "./routing-designs";

export interface RoutingContext {
  pipeName: string;
  sourceArn: string;
  region: string;
  now: Date;
}

/** The order as the API would store it (when it would accept it) plus what the API would say. */
function storedOrder(sample: Record<string, unknown>, now: Date): { item: Record<string, unknown>; apiVerdict: string } {
  const checked = checkNewOrder(sample);
  const orderId = typeof sample.orderId === "string" ? sample.orderId : `sample-${randomUUID().slice(0, 8)}`;
  if (checked.ok) {
    return {
      item: { ...checked.order, orderId, status: "PENDING", createdAt: now.toISOString(), valueTier: valueTierOf(checked.order.amount) },
      apiVerdict: "The create-order API accepts this order (201).",
    };
  }
  // Something other than the API could still write it (a script, the console): keep what is there.
  const item: Record<string, unknown> = { ...sample, orderId, status: "PENDING", createdAt: now.toISOString() };
  return { item, apiVerdict: `The create-order API refuses this order (400: ${checked.problems.join("; ")}); the event below is what another writer would produce.` };
}

/** The SQS event as Pipes' filter and template see it: the body, holding JSON, is parsed. */
export function queueEventFor(item: Record<string, unknown>, context: RoutingContext): Record<string, unknown> {
  const body = JSON.stringify(item);
  return {
    messageId: randomUUID(),
    receiptHandle: "(sample)",
    body: JSON.parse(body) as unknown,
    attributes: { ApproximateReceiveCount: "1", SentTimestamp: String(context.now.getTime()), SenderId: "(sample)", ApproximateFirstReceiveTimestamp: String(context.now.getTime()) },
    messageAttributes: {},
    md5OfBody: "(sample)",
    eventSource: "aws:sqs",
    eventSourceARN: context.sourceArn,
    awsRegion: context.region,
  };
}

/** The DynamoDB stream record of the order's INSERT, as Pipes presents it. */
export function streamEventFor(item: Record<string, unknown>, context: RoutingContext): Record<string, unknown> {
  const image = marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: false });
  return {
    eventID: randomUUID().replace(/-/g, ""),
    eventName: "INSERT",
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: context.region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(context.now.getTime() / 1000),
      Keys: { orderId: image.orderId },
      NewImage: image,
      SequenceNumber: "100000000000000000001",
      SizeBytes: JSON.stringify(image).length,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
    eventSourceARN: context.sourceArn,
  };
}

interface Leaf {
  path: string[];
  matchers: Matcher[];
}

/** Every leaf a pattern tests, e.g. `["body", "amount"]` with its matchers. */
function leaves(pattern: EventPattern, prefix: string[] = []): Leaf[] {
  const found: Leaf[] = [];
  for (const [key, value] of Object.entries(pattern.fields)) {
    const here = [...prefix, key];
    if (Array.isArray(value)) found.push({ path: here, matchers: value });
    else found.push(...leaves(value, here));
  }
  for (const alternative of pattern.or) found.push(...leaves(alternative, prefix));
  const seen = new Set<string>();
  return found.filter((leaf) => !seen.has(leaf.path.join("\u0000")) && seen.add(leaf.path.join("\u0000")));
}

/** A matcher list in words: `> 10000`, `"HIGH"`, `prefix "HI"`. */
function describeMatchers(matchers: Matcher[]): string {
  return matchers
    .map((m) => {
      switch (m.kind) {
        case "numeric":
          return m.conditions.map((c) => `${c.op} ${c.value}`).join(" and ");
        case "exact":
          return JSON.stringify(m.value);
        case "exists":
          return m.value ? "present" : "absent";
        case "prefix":
        case "suffix":
          return `${m.kind} ${JSON.stringify(m.value)}`;
        default:
          return m.kind;
      }
    })
    .join(" or ");
}

function valueAt(event: unknown, path: string[]): unknown {
  let node: unknown = event;
  for (const key of path) {
    if (typeof node !== "object" || node === null || Array.isArray(node) || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export interface RoutingTestResult {
  design: RoutingDesign;
  apiVerdict: string;
  /** The event as the filter sees it. */
  event: unknown;
  matched: boolean;
  /** What the pattern looked at: each leaf path and the value the event holds there. */
  fields: Array<{ path: string; value: string }>;
  /** Why it did not match, when a known trap explains it. */
  explanation: string;
  /** The target's message body, when matched. */
  output: string | null;
  outputIsJson: boolean;
  /** What happens to the event at the source. */
  fate: string;
}

export class RoutingTestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RoutingTestError";
  }
}

function explain(design: RoutingDesign, matched: boolean, fields: Array<{ path: string; raw: unknown; matchers: Matcher[] }>): string {
  if (matched) return "Every field of the pattern matches, so the pipe sends the rendered payload to the target.";
  for (const { path, raw } of fields) {
    if (raw === undefined) return `The event has no ${path}; a field that is missing matches only {"exists": false}.`;
  }
  const numericOnText = fields.find((f) => typeof f.raw === "string" && /^-?\d+(\.\d+)?$/.test(f.raw));
  if (numericOnText) {
    return design === "stream" && numericOnText.path.endsWith(".N")
      ? `${numericOnText.path} is the text "${numericOnText.raw as string}": a DynamoDB image holds every number as a string, and numeric matching applies to JSON numbers only. Filter on an attribute you can match exactly (the value tier) instead.`
      : `${numericOnText.path} is the text "${numericOnText.raw as string}", not a number; numeric matching applies to JSON numbers only, and exact matching never treats "10" as 10.`;
  }
  const failing = fields.find((f) => !matchesEventPattern({ fields: { value: f.matchers }, or: [] }, { value: f.raw }));
  if (failing) return `${failing.path} is ${JSON.stringify(failing.raw)}, and the pattern asks for ${describeMatchers(failing.matchers)}.`;
  return "At least one alternative of the pattern must match, and none does.";
}

/** Runs one sample order through a pattern and a template, as the pipe would. Never throws for data, only for a broken pattern or template. */
export function testRouting(input: { design: RoutingDesign; filter: string; template: string; sample: Record<string, unknown> }, context: RoutingContext): RoutingTestResult {
  let pattern: EventPattern;
  try {
    pattern = parseEventPattern(input.filter);
  } catch (error) {
    throw new RoutingTestError(`The filter pattern is not valid: ${error instanceof EventPatternError ? error.message : String(error)}`);
  }
  try {
    validateInputTemplate(input.template);
  } catch (error) {
    throw new RoutingTestError(`The input template is not valid: ${error instanceof InputTemplateError ? error.message : String(error)}`);
  }
  const { item, apiVerdict } = storedOrder(input.sample, context.now);
  const event = input.design === "queue" ? queueEventFor(item, context) : streamEventFor(item, context);
  const matched = matchesEventPattern(pattern, event);
  const raw = leaves(pattern).map((leaf) => ({ path: leaf.path.join("."), raw: valueAt(event, leaf.path), matchers: leaf.matchers }));
  const fields = raw.map(({ path, raw: value }) => ({ path, value: value === undefined ? "(missing)" : `${JSON.stringify(value)} — ${describeJson(value)}` }));
  let output: string | null = null;
  let outputIsJson = false;
  if (matched) {
    output = renderInputTemplate(input.template, event, {
      pipeName: context.pipeName,
      ingestionTime: context.now.toISOString(),
      sourceArn: context.sourceArn,
    });
    try {
      JSON.parse(output);
      outputIsJson = true;
    } catch {
      outputIsJson = false;
    }
  }
  const fate = matched
    ? "Sent to the high-value queue."
    : input.design === "queue"
      ? "Dropped: the pipe deletes a message its filter does not match, so the worker never sees this order."
      : "Skipped by the pipe only: the record stays in the stream, and the order still reaches the worker through the queue.";
  return { design: input.design, apiVerdict, event, matched, fields, explanation: explain(input.design, matched, raw), output, outputIsJson, fate };
}
