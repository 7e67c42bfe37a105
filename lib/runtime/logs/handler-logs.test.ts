import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import { MappingRegistry } from "../registry/mapping-registry";
import type { MappingOwner } from "../registry/mapping-store";
import { structuredLog } from "./structured-log";

const student: MappingOwner = { prefix: "user3", labId: "fifo-idempotency" };

function registryWith(handlers: Record<string, (event: never, context: Context) => unknown>) {
  return new MappingRegistry({ dataDir: null, clients: () => ({ region: "us-east-1" }), handlers: (_lab, name) => handlers[name] });
}

describe("handler logs", () => {
  it("structuredLog writes the FIFO lab's fields with the invocation's request id and function", async () => {
    const registry = registryWith({
      consumer: async (event: { messageId: string }) => {
        structuredLog({ trace_id: event.messageId, action: "message_received", status: "info", details: { queue_name: "main_queue" } });
        structuredLog({ trace_id: event.messageId, action: "dynamodb_save", status: "success" });
      },
    });
    const result = await registry.invoke(student, { handler: "consumer", functionName: "user3-consumer", event: { messageId: "m-1" } });
    const lines = registry.logs.query(student);
    expect(lines.map((l) => l.type)).toEqual(["handler", "handler", "invocation"]);
    expect(lines[0]).toMatchObject({
      type: "handler",
      requestId: result.requestId,
      function: "user3-consumer",
      trace_id: "m-1",
      action: "message_received",
      status: "info",
      details: { queue_name: "main_queue" },
    });
    expect(lines[1]).toMatchObject({ action: "dynamodb_save", status: "success", details: {} });
    expect(new Date(lines[0].timestamp).toISOString()).toBe(lines[0].timestamp);
    expect(lines[2]).toMatchObject({ type: "invocation", requestId: result.requestId, outcome: "success", batchSize: 1 });
  });

  it("stamps what a handler logs on the runtime's clock, as its invocation line is (a fast-forwarded cloud runs ahead)", async () => {
    const ahead = Date.UTC(2030, 0, 1, 12, 0, 0);
    const clock = { now: () => ahead, sleep: () => new Promise<void>(() => undefined) };
    const registry = new MappingRegistry({
      dataDir: null,
      clock,
      clients: () => ({ region: "us-east-1", clock }),
      handlers: () => async () => {
        structuredLog({ trace_id: "m-1", action: "dynamodb_save", status: "success" });
        console.log("saved");
      },
    });
    await registry.invoke(student, { handler: "consumer", functionName: "user3-consumer", event: {} });
    expect(registry.logs.query(student).map((l) => [l.type, l.timestamp])).toEqual([
      ["handler", "2030-01-01T12:00:00.000Z"],
      ["console", "2030-01-01T12:00:00.000Z"],
      ["invocation", "2030-01-01T12:00:00.000Z"],
    ]);
  });

  it("outside the runtime (on Lambda) it prints the same JSON to stdout", () => {
    const print = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      structuredLog({ trace_id: "t-1", action: "sqs_delete_message", status: "error", details: { error: "gone" } });
      expect(print).toHaveBeenCalledTimes(1);
      const printed = JSON.parse(String(print.mock.calls[0][0]));
      expect(printed).toEqual({ trace_id: "t-1", action: "sqs_delete_message", status: "error", details: { error: "gone" }, timestamp: expect.any(String) });
    } finally {
      print.mockRestore();
    }
  });

  it("what a handler prints with console.* goes to its invocation's log, and nothing after the invocation ends", async () => {
    let late: (() => void) | null = null;
    const registry = registryWith({
      chatty: async () => {
        console.log("order %s received", "o-1", { table: 4 });
        console.error("payment declined");
        setTimeout(() => {
          console.log("after the end");
          late?.();
        }, 0);
      },
    });
    const done = new Promise<void>((resolve) => (late = resolve));
    const result = await registry.invoke(student, { handler: "chatty", functionName: "user3-chatty", event: {} });
    await done;
    const lines = registry.logs.query(student, { filter: { type: "console" } });
    expect(lines).toEqual([
      expect.objectContaining({ requestId: result.requestId, level: "info", message: "order o-1 received { table: 4 }" }),
      expect.objectContaining({ requestId: result.requestId, level: "error", message: "payment declined" }),
    ]);
  });

  it("a thrown error is an error outcome with Lambda's errorType and errorMessage", async () => {
    class OrderRejected extends Error {
      override name = "OrderRejected";
    }
    const registry = registryWith({
      failing: async () => {
        throw new OrderRejected("table_number is required");
      },
    });
    const result = await registry.invoke(student, { handler: "failing", functionName: "user3-failing", event: {} });
    expect(result).toMatchObject({ status: "failed", error: { errorType: "OrderRejected", errorMessage: "table_number is required" } });
    expect(registry.logs.query(student)[0]).toMatchObject({ outcome: "error", error: "OrderRejected: table_number is required" });
  });

  it("callback-style handlers work as on Lambda", async () => {
    const registry = registryWith({
      callbackStyle: ((_event: never, _context: Context, callback: (error: unknown, result?: unknown) => void) => {
        setTimeout(() => callback(null, { statusCode: 200 }), 0);
      }) as never,
    });
    const result = await registry.invoke(student, { handler: "callbackStyle", functionName: "user3-cb", event: {} });
    expect(result).toMatchObject({ status: "returned", result: { statusCode: 200 } });
  });

  it("a producer handler gets an API Gateway proxy event and its response comes back", async () => {
    let received: APIGatewayProxyEvent | null = null;
    let contextSeen: Context | null = null;
    const registry = registryWith({
      orderApi: async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
        received = event;
        contextSeen = context;
        return { statusCode: 202, body: JSON.stringify({ accepted: true }) };
      },
    });
    const answer = await registry.invokeApi(student, {
      handler: "orderApi",
      functionName: "user3-order-api",
      accountId: "123456789012",
      request: { method: "post", path: "/orders", headers: { "content-type": "application/json" }, query: { debug: "1" }, body: '{"table_number":4}' },
    });
    expect(answer.response).toEqual({ statusCode: 202, body: '{"accepted":true}' });
    const event = received as unknown as APIGatewayProxyEvent;
    expect(Object.keys(event).sort()).toEqual(
      ["resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext", "body", "isBase64Encoded"].sort(),
    );
    expect(event).toMatchObject({
      httpMethod: "POST",
      path: "/orders",
      body: '{"table_number":4}',
      isBase64Encoded: false,
      queryStringParameters: { debug: "1" },
      multiValueQueryStringParameters: { debug: ["1"] },
      headers: { "content-type": "application/json" },
      multiValueHeaders: { "content-type": ["application/json"] },
      pathParameters: null,
      stageVariables: null,
    });
    expect(event.requestContext).toMatchObject({ accountId: "123456789012", httpMethod: "POST", stage: "prod", path: "/prod/orders", protocol: "HTTP/1.1" });
    expect(event.requestContext.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    const context = contextSeen as unknown as Context;
    expect(context).toMatchObject({
      functionName: "user3-order-api",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:user3-order-api",
      memoryLimitInMB: "128",
      logGroupName: "/aws/lambda/user3-order-api",
    });
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(context.awsRequestId).toBe(answer.requestId);
  });
});
