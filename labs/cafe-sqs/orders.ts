/**
 * Placing orders the way a customer would: an HTTP request to the order API, turned into the event
 * API Gateway hands a Lambda proxy integration, and the function's answer. Also what the checks
 * read back: orders in the queue (peeked where the endpoint can) and orders in the table.
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { toApiGatewayProxyEvent } from "@/lib/runtime/events/api-gateway-event";
import type { JsonValue } from "@/lib/lab-framework/types";
import { inspectQueue } from "@/lib/lab-framework/inspect/queue-inspection";
import { MENU } from "./menu";
import { ensureApiConfigured, tableExists, type CafeContext } from "./provision";

export interface OrderCall {
  requestId: string;
  event: APIGatewayProxyEvent;
  response?: { statusCode: number; headers: Record<string, string>; body: string };
  /** The function itself failed (threw, timed out): no HTTP answer. */
  error?: string;
}

function apiId(prefix: string): string {
  return `cafe${prefix.toLowerCase().replace(/[^a-z0-9]/g, "")}`.slice(0, 10);
}

/** POST /orders with this body, through the order API function. */
export async function callOrderApi(context: CafeContext, body: string): Promise<OrderCall> {
  await ensureApiConfigured(context);
  const event = toApiGatewayProxyEvent(
    { method: "POST", path: "/orders", resource: "/orders", headers: { "Content-Type": "application/json", Accept: "application/json" }, body, stage: "dev" },
    { accountId: await context.accountId(), apiId: apiId(context.prefix), now: Date.now() },
  );
  const result = await context.runtime.invoke("orderApi", event);
  if (result.status === "returned") {
    const value = (result.result ?? {}) as { statusCode?: number; headers?: Record<string, unknown>; body?: unknown };
    const headers = Object.fromEntries(Object.entries(value.headers ?? {}).map(([k, v]) => [k, String(v)]));
    return { requestId: result.requestId, event, response: { statusCode: Number(value.statusCode ?? 200), headers, body: String(value.body ?? "") } };
  }
  if (result.status === "throttled") return { requestId: result.requestId, event, error: "Rate exceeded: the function is throttled." };
  return { requestId: result.requestId, event, error: `${result.error.errorType}: ${result.error.errorMessage}` };
}

export function answerBody(call: OrderCall): Record<string, JsonValue> {
  try {
    const parsed = JSON.parse(call.response?.body ?? "{}") as unknown;
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, JsonValue>) : {};
  } catch {
    return {};
  }
}

export function randomOrder(customer: string, seed = Math.random()): Record<string, JsonValue> {
  const entry = MENU[Math.floor(seed * MENU.length) % MENU.length];
  return { table_number: 1 + Math.floor(seed * 12), customer_name: customer, item: entry.item, quantity: 1 + Math.floor(seed * 3) };
}

export function nonce(): string {
  return Math.random().toString(36).slice(2, 8);
}

/** Orders in the table whose customer name starts with `customerPrefix` (a check's or a load run's mark). */
export async function storedOrders(context: CafeContext, customerPrefix: string): Promise<Array<Record<string, JsonValue>>> {
  if (!(await tableExists(context, "ordersTable"))) return [];
  const items: Array<Record<string, JsonValue>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await context.aws.documents.send(
      new ScanCommand({
        TableName: context.names.ordersTable,
        FilterExpression: "begins_with(customer_name, :mark)",
        ExpressionAttributeValues: { ":mark": customerPrefix },
        ExclusiveStartKey: start,
      }),
      { abortSignal: context.signal },
    );
    items.push(...((page.Items ?? []) as Array<Record<string, JsonValue>>));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Messages in the queue whose body mentions `mark`, where the endpoint can peek; null where it cannot. */
export async function queuedWith(context: CafeContext, mark: string): Promise<number | null> {
  const snapshot = await inspectQueue(context, "ordersQueue");
  if (!snapshot.peek) return null;
  return snapshot.peek.messages.filter((m) => m.body.includes(mark)).length;
}

export async function queueDepth(context: CafeContext): Promise<{ visible: number; inFlight: number; delayed: number } | null> {
  const snapshot = await inspectQueue({ ...context, connection: { ...context.connection, capabilities: { ...context.connection.capabilities, inspect: false } } }, "ordersQueue");
  return snapshot.exists ? snapshot.counts : null;
}

export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
