/**
 * CreateOrderFunction: the API behind `POST /orders`. It checks the request, stores the order as
 * PENDING with its value tier, and answers 201 with the order; a bad request gets 400 with every
 * problem named. The table's stream takes it from there.
 *
 * Deploy: Node.js 20+, environment ORDERS_TABLE, a role allowed dynamodb:PutItem on the table,
 * behind an API Gateway REST API (Lambda proxy integration).
 */
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { structuredLog } from "@/lib/runtime/logs/structured-log";
import { checkNewOrder, pendingOrder } from "../order";
import { once, requiredEnv } from "./lambda-environment";

export interface CreateOrderOptions {
  documents: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
  newId?: () => string;
}

const HEADERS = {
  "Content-Type": "application/json",
  // The order form may be served from another origin (the seed's static page); browsers need these.
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Allow-Methods": "OPTIONS,POST",
};

function answer(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: HEADERS, body: JSON.stringify(body) };
}

export function createCreateOrder(options: CreateOrderOptions) {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    if (event.httpMethod === "OPTIONS") return answer(204, {});
    let body: unknown;
    try {
      const text = event.isBase64Encoded && event.body ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return answer(400, { message: "The request body is not valid JSON.", problems: ["send a JSON object"] });
    }
    const checked = checkNewOrder(body);
    if (!checked.ok) {
      structuredLog({ trace_id: event.requestContext?.requestId ?? "-", action: "order_rejected", status: "warning", details: { problems: checked.problems } });
      return answer(400, { message: "The order is not valid.", problems: checked.problems });
    }
    const order = pendingOrder(checked.order, newId(), now());
    try {
      await options.documents.send(
        new PutCommand({ TableName: options.tableName, Item: order, ConditionExpression: "attribute_not_exists(orderId)" }),
      );
    } catch (error) {
      structuredLog({ trace_id: order.orderId, action: "order_save", status: "error", details: { error: error instanceof Error ? error.message : String(error) } });
      return answer(500, { message: "The order could not be saved. Try again in a moment." });
    }
    structuredLog({ trace_id: order.orderId, action: "order_created", status: "success", details: { amount: order.amount, valueTier: order.valueTier } });
    return answer(201, { message: "Order created.", order });
  };
}

const fromEnvironment = once(() =>
  createCreateOrder({ documents: DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName: requiredEnv("ORDERS_TABLE") }),
);

/** The Lambda entry point. */
export const handler = (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => fromEnvironment()(event);
