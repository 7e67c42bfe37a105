/**
 * The create-order API: 201 with the stored order (PENDING, value tier, createdAt), 400 naming
 * every problem, and nothing written for a bad request.
 */
import { ScanCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { toApiGatewayProxyEvent } from "@/lib/runtime/events/api-gateway-event";
import { createCreateOrder } from "./handlers/create-order";
import { readOrder } from "./test-support";
import { createOrdersTable } from "./test-support";

let cloud: LocalCloud;
let documents: DynamoDBDocumentClient;
let tableName: string;
let api: ReturnType<typeof createCreateOrder>;
let ids = 0;

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  cloud = await startTestCloud();
  ({ documents, tableName } = await createOrdersTable(cloud));
  api = createCreateOrder({ documents, tableName, now: () => new Date("2026-03-01T10:30:00.000Z"), newId: () => `order-${++ids}` });
});
afterAll(async () => {
  await cloud?.close();
});

function post(body: string | null): APIGatewayProxyEvent {
  return toApiGatewayProxyEvent({ method: "POST", path: "/orders", headers: { "content-type": "application/json" }, body }, { accountId: "000000000000", apiId: "abc123", now: Date.now() });
}

describe("the create-order API", () => {
  it("answers 201 with the order it stored as PENDING", async () => {
    const response = await api(post(JSON.stringify({ customerName: " Alice ", product: "Wireless Headphones", amount: 1499, notes: "gift wrap" })));
    expect(response.statusCode).toBe(201);
    expect(response.headers?.["Access-Control-Allow-Origin"]).toBe("*");
    const { order } = JSON.parse(response.body) as { order: Record<string, unknown> };
    const expected = { orderId: "order-1", customerName: "Alice", product: "Wireless Headphones", amount: 1499, notes: "gift wrap", status: "PENDING", createdAt: "2026-03-01T10:30:00.000Z", valueTier: "STANDARD" };
    expect(order).toEqual(expected);
    expect(await readOrder(documents, tableName, "order-1")).toEqual(expected);
  });

  it("marks orders above 10,000 as HIGH and exactly 10,000 as STANDARD", async () => {
    const high = await api(post(JSON.stringify({ customerName: "Bo", product: "Rack", amount: 10000.5 })));
    const boundary = await api(post(JSON.stringify({ customerName: "Bo", product: "Rack", amount: 10000 })));
    expect((JSON.parse(high.body) as { order: { valueTier: string } }).order.valueTier).toBe("HIGH");
    expect((JSON.parse(boundary.body) as { order: { valueTier: string; notes: string } }).order).toMatchObject({ valueTier: "STANDARD", notes: "" });
  });

  it("answers 400 naming every problem, and writes nothing", async () => {
    const before = (await documents.send(new ScanCommand({ TableName: tableName }))).Count;
    const cases: Array<[string | null, string[]]> = [
      [JSON.stringify({ customerName: "Dana", product: "Rack", amount: "25000" }), ['amount must be a number, not a string ("25000")']],
      [JSON.stringify({ product: "Rack" }), ["customerName is missing", "amount is missing"]],
      [JSON.stringify({ customerName: "Eli", product: "  ", amount: -3, notes: 7 }), ["product is missing", "amount must be more than 0", "notes must be text, not a number"]],
      [JSON.stringify({ customerName: "Eli", product: "Gift", amount: 12.345 }), ["amount has more than two decimals"]],
      [JSON.stringify([1, 2]), ["the order must be a JSON object, not an array"]],
      [null, ["the order must be a JSON object, not nothing"]],
      ["{oops", ["send a JSON object"]],
    ];
    for (const [body, problems] of cases) {
      const response = await api(post(body));
      expect(response.statusCode, body ?? "no body").toBe(400);
      expect((JSON.parse(response.body) as { problems: string[] }).problems).toEqual(problems);
    }
    expect((await documents.send(new ScanCommand({ TableName: tableName }))).Count).toBe(before);
  });

  it("answers 500 without details when the table is not there", async () => {
    const broken = createCreateOrder({ documents, tableName: "no-such-table" });
    const response = await broken(post(JSON.stringify({ customerName: "Fay", product: "Lamp", amount: 20 })));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/no-such-table|ResourceNotFound/);
  });
});
