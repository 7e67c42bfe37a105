/**
 * Decides which service and operation a request is for, the way AWS's front ends would tell them
 * apart: `X-Amz-Target` for the JSON protocols, the path for REST services, and for the query
 * protocol the SigV4 credential scope, then the `Version` field. Signatures are parsed, never
 * verified: the access key picks nothing.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Protocol, ServiceModule } from "./core/service";

export const DEFAULT_REGION = "us-east-1";
/** API Gateway invoke URLs: `/_aws/execute-api/<apiId>/…` on the local cloud's own host, or the host `<apiId>.execute-api.localhost`. */
export const EXECUTE_API_PATH_PREFIX = "/_aws/execute-api";
export const EXECUTE_API_HOST = /^([a-z0-9]+)\.execute-api\.localhost(?::\d+)?$/i;
export const EXECUTE_API_OPERATION = "ExecuteApi";

export interface RouteInput {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  params: URLSearchParams;
}

export interface Route {
  service: ServiceModule;
  protocol: Protocol;
  operation: string;
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The SigV4 credential scope (`AKID/20261122/us-east-1/sqs/aws4_request`), from the header or a presigned URL. */
export function credentialScope(headers: IncomingHttpHeaders, query: URLSearchParams): { region?: string; service?: string } {
  const authorization = header(headers, "authorization") ?? "";
  const match = /Credential=([^,\s]+)/.exec(authorization);
  const credential = match?.[1] ?? query.get("X-Amz-Credential") ?? "";
  const parts = credential.split("/");
  if (parts.length < 5) return {};
  return { region: parts[2] || undefined, service: parts[3] || undefined };
}

export function regionOf(headers: IncomingHttpHeaders, query: URLSearchParams): string {
  const region = credentialScope(headers, query).region;
  return region && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) ? region : DEFAULT_REGION;
}

export class Router {
  constructor(private readonly services: ServiceModule[]) {}

  route(input: RouteInput): Route | null {
    // An invoke URL is an API's own traffic, whatever headers it carries: before any AWS API routing.
    const host = header(input.headers, "host") ?? header(input.headers, ":authority") ?? "";
    if (input.path.startsWith(`${EXECUTE_API_PATH_PREFIX}/`) || EXECUTE_API_HOST.test(host)) {
      const service = this.services.find((s) => s.match.pathPrefixes?.includes(EXECUTE_API_PATH_PREFIX));
      return service ? { service, protocol: "rest-json", operation: EXECUTE_API_OPERATION } : null;
    }

    const target = header(input.headers, "x-amz-target");
    if (target) {
      const dot = target.lastIndexOf(".");
      const prefix = dot === -1 ? target : target.slice(0, dot);
      const operation = dot === -1 ? "" : target.slice(dot + 1);
      const service = this.services.find((s) => s.match.jsonTargetPrefixes?.includes(prefix));
      return service ? { service, protocol: "json", operation } : null;
    }

    const byPath = this.services.find((s) =>
      s.match.pathPrefixes?.some((p) => input.path === p || input.path.startsWith(`${p}/`)),
    );
    if (byPath) return { service: byPath, protocol: "rest-json", operation: "" };

    const action = input.params.get("Action");
    if (action) {
      const signingName = credentialScope(input.headers, input.params).service;
      const version = input.params.get("Version");
      const candidates = this.services.filter((s) => s.match.queryVersions && s.match.queryVersions.length > 0);
      const service =
        (signingName && candidates.find((s) => s.match.signingNames?.includes(signingName))) ||
        (version && candidates.find((s) => s.match.queryVersions?.includes(version))) ||
        (!signingName && !version && candidates.find((s) => s.match.unsignedQueryActions?.includes(action))) ||
        undefined;
      return service ? { service, protocol: "query", operation: action } : null;
    }
    return null;
  }
}
