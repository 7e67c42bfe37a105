/**
 * The AWS query protocol: form-encoded requests (`Action=SendMessage&Version=...&A.member.1=x`)
 * and XML responses. `decodeQueryTree` turns the flat keys into a tree so that each service's
 * adapter can read lists and maps in the shape its API uses.
 */
import { AwsError } from "../core/errors";
import type { ServiceResponse } from "../core/service";
import { escapeXml, xmlContent, type XmlShape } from "./xml";

/** A node of the decoded tree: a string leaf, or children by key (list indexes are numeric keys). */
export type QueryNode = string | QueryTree;
export interface QueryTree {
  [key: string]: QueryNode;
}

/** `A.member.1.B=x&A.member.2.B=y` → `{ A: { member: { "1": { B: "x" }, "2": { B: "y" } } } }`. */
export function decodeQueryTree(params: URLSearchParams): QueryTree {
  const root: QueryTree = {};
  for (const [key, value] of params) {
    if (key === "Action" || key === "Version") continue;
    const path = key.split(".");
    let node: QueryTree = root;
    for (let i = 0; i < path.length - 1; i++) {
      const child = node[path[i]];
      if (typeof child === "object") node = child;
      else {
        const next: QueryTree = {};
        node[path[i]] = next;
        node = next;
      }
    }
    const last = path[path.length - 1];
    if (typeof node[last] !== "object") node[last] = value;
  }
  return root;
}

/** The items of a list node, in index order: `A.member.N` (`wrapper = "member"`) or flattened `A.N`. */
export function queryList(node: QueryNode | undefined, wrapper: string | null = "member"): QueryNode[] {
  if (node === undefined || typeof node === "string") return [];
  const items = wrapper ? node[wrapper] : node;
  if (items === undefined || typeof items === "string") return [];
  return Object.keys(items)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => items[k]);
}

/** A map node: `A.entry.N.key/value` by default, or flattened `A.N.Name/Value` with `wrapper: null`. */
export function queryMap(
  node: QueryNode | undefined,
  options: { wrapper?: string | null; key?: string; value?: string } = {},
): Record<string, QueryNode> {
  const { wrapper = "entry", key = "key", value = "value" } = options;
  const result: Record<string, QueryNode> = {};
  for (const entry of queryList(node, wrapper)) {
    if (typeof entry === "string") continue;
    const k = entry[key];
    if (typeof k === "string" && entry[value] !== undefined) result[k] = entry[value];
  }
  return result;
}

export function queryString(node: QueryNode | undefined): string | undefined {
  return typeof node === "string" ? node : undefined;
}

export function queryNumber(node: QueryNode | undefined, name: string): number | undefined {
  if (node === undefined) return undefined;
  if (typeof node !== "string" || node.trim() === "" || !Number.isFinite(Number(node))) {
    throw new AwsError("InvalidParameterValue", `Value ${typeof node === "string" ? node : "(structure)"} for parameter ${name} is invalid. Reason: must be a number.`);
  }
  return Number(node);
}

export function queryBoolean(node: QueryNode | undefined): boolean | undefined {
  if (node === undefined || typeof node !== "string") return undefined;
  return node.toLowerCase() === "true";
}

export interface QueryResponseOptions {
  xmlns: string;
  requestId: string;
  shape?: XmlShape;
}

/** `<OpResponse xmlns><OpResult>…</OpResult><ResponseMetadata>…</ResponseMetadata></OpResponse>`. */
export function queryResponse(operation: string, result: unknown, options: QueryResponseOptions): ServiceResponse {
  const inner = result === undefined || result === null ? "" : `<${operation}Result>${xmlContent(result, options.shape)}</${operation}Result>`;
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${options.xmlns}">${inner}` +
    `<ResponseMetadata><RequestId>${escapeXml(options.requestId)}</RequestId></ResponseMetadata></${operation}Response>`;
  return { status: 200, headers: { "content-type": "text/xml" }, body };
}

/** AWS's query error document. */
export function queryErrorResponse(error: AwsError, options: { xmlns?: string; requestId: string }): ServiceResponse {
  const code = error.queryCode ?? error.code;
  const xmlns = options.xmlns ? ` xmlns="${options.xmlns}"` : "";
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse${xmlns}><Error><Type>${error.fault}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(error.message)}</Message><Detail/></Error>` +
    `<RequestId>${escapeXml(options.requestId)}</RequestId></ErrorResponse>`;
  return { status: error.status, headers: { "content-type": "text/xml" }, body };
}
