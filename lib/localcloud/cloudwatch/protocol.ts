/**
 * CloudWatch's two wire formats. Today's SDK sends AWS JSON 1.0
 * (`X-Amz-Target: GraniteServiceVersion20100801.*`, awsQueryCompatible); the AWS CLI and boto3
 * from Debian send the query protocol. Both decode to the same input record and render the same
 * operation output: timestamps are Dates, written as epoch seconds in JSON and ISO 8601 in XML.
 */
import { gunzipSync } from "node:zlib";
import { AwsError } from "../core/errors";
import type { ServiceRequest, ServiceResponse } from "../core/service";
import { jsonErrorResponse, jsonResponse, parseJsonInput } from "../protocol/aws-json";
import { decodeQueryTree, queryErrorResponse, queryResponse, type QueryNode } from "../protocol/query";
import { XmlMap } from "../protocol/xml";
import type { Input } from "./input";

export const CLOUDWATCH_JSON_TARGET = "GraniteServiceVersion20100801";
export const CLOUDWATCH_XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
const JSON_TYPE_PREFIX = "com.amazonaws.cloudwatch#";
/** Output members that are maps (XML `<entry><key/><value/></entry>`), not structures. */
const MAP_MEMBERS = new Set(["ExtendedStatistics"]);

export function decodeInput(request: ServiceRequest): Input {
  if (request.protocol === "json") return parseJsonInput(decompressed(request));
  return queryNodeToInput(decodeQueryTree(request.params)) as Input;
}

/** The SDK gzips large PutMetricData bodies (`Content-Encoding: gzip`), as AWS allows. */
function decompressed(request: ServiceRequest): Buffer {
  const encoding = String(request.headers["content-encoding"] ?? "").toLowerCase();
  if (!encoding.includes("gzip")) return request.body;
  try {
    return gunzipSync(request.body);
  } catch {
    throw new AwsError("SerializationException", "The request body could not be decompressed.");
  }
}

export function encodeOutput(request: ServiceRequest, output: unknown): ServiceResponse {
  if (request.protocol === "json") return jsonResponse(toJsonValue(output), "1.0");
  // An empty output still gets its (empty) <OpResult>: botocore expects one whenever the operation has an output shape.
  return queryResponse(request.operation, toXmlValue(output), {
    xmlns: CLOUDWATCH_XMLNS,
    requestId: request.requestId,
  });
}

export function encodeError(request: ServiceRequest, error: AwsError): ServiceResponse {
  if (request.protocol === "json") {
    return jsonErrorResponse(error, { version: "1.0", typePrefix: JSON_TYPE_PREFIX, queryCompatible: true });
  }
  return queryErrorResponse(error, { xmlns: CLOUDWATCH_XMLNS, requestId: request.requestId });
}

/** `X.member.N` becomes an array; every other node an object; leaves stay strings. */
function queryNodeToInput(node: QueryNode): unknown {
  if (typeof node === "string") return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === "member" && typeof node.member === "object") {
    const items = node.member;
    return Object.keys(items)
      .filter((k) => /^\d+$/.test(k))
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => queryNodeToInput(items[k]));
  }
  const result: Record<string, unknown> = {};
  for (const key of keys) result[key] = queryNodeToInput(node[key]);
  return result;
}

function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === "object" && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) result[k] = toJsonValue(v);
    return result;
  }
  return value;
}

function toXmlValue(value: unknown, key?: string): unknown {
  if (value instanceof Date || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => toXmlValue(item));
  if (key && MAP_MEMBERS.has(key)) return new XmlMap(value as Record<string, unknown>);
  const result: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) result[k] = toXmlValue(v, k);
  return result;
}
