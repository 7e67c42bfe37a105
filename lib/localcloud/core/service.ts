/**
 * What a local cloud service is, as the router and server see it. A service module owns its
 * models (state and semantics), its protocol adapters and its operation table; the core only
 * decides which service a request is for and hands it over.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { VirtualClock } from "./clock";
import type { StateStore } from "./persistence";
import type { Links } from "./links";

export type Protocol = "json" | "query" | "rest-json";

export interface ServiceRequest {
  protocol: Protocol;
  /** The operation name (e.g. `SendMessage`); empty for rest-json, which the service routes itself. */
  operation: string;
  region: string;
  accountId: string;
  requestId: string;
  method: string;
  /** The URL path, decoded of nothing (e.g. `/000000000000/orders` or `/v1/pipes/name`). */
  path: string;
  /** The URL's query string. */
  query: URLSearchParams;
  /** The query string exactly as sent, without `?` (API Gateway's rawQueryString). */
  rawQuery?: string;
  headers: IncomingHttpHeaders;
  /** The Host header as the client sent it, for building URLs the client can reach again. */
  host: string;
  body: Buffer;
  /** Form fields (query protocol): the body's fields merged over the URL's. */
  params: URLSearchParams;
  /** Aborted when the client goes away (a long poll stops waiting). */
  signal: AbortSignal;
}

export interface ServiceResponse {
  status: number;
  headers: Record<string, string>;
  /** Headers sent once per value (Set-Cookie from an API Gateway integration). */
  multiHeaders?: Record<string, string[]>;
  body: string | Buffer;
}

/** How the router recognises a service's requests. */
export interface ServiceMatch {
  /** SigV4 credential-scope service names (`sqs`, `monitoring`, `dynamodb`...). */
  signingNames?: string[];
  /** `X-Amz-Target` prefixes (`AmazonSQS`, `DynamoDB_20120810`...). */
  jsonTargetPrefixes?: string[];
  /** The query protocol's `Version` field values (`2012-11-05`...). */
  queryVersions?: string[];
  /** URL path prefixes for REST services (`/v1/pipes`). */
  pathPrefixes?: string[];
  /** Query actions answered without a signature or `Version` (the links SNS puts in its messages). */
  unsignedQueryActions?: string[];
}

export interface InspectRequest {
  method: string;
  /** The path below `/_localcloud/<service>/`, e.g. `queues/us-east-1/orders/messages`. */
  subpath: string;
  query: URLSearchParams;
  body: unknown;
  /** The Host header the client called, for URLs it can reach again (queue URLs). */
  host?: string;
}

export interface ServiceModule {
  readonly name: string;
  readonly match: ServiceMatch;
  handle(request: ServiceRequest): Promise<ServiceResponse>;
  /** Side-effect-free developer API under `/_localcloud/<name>/...`; throws AwsError for 4xx. */
  inspect?(request: InspectRequest): Promise<unknown>;
  /** Stops background work; state is saved by the store afterwards. */
  close?(): Promise<void>;
}

/** Everything a service gets when it is created. */
export interface ServiceContext {
  clock: VirtualClock;
  store: StateStore;
  accountId: string;
  /** Other services' in-process entry points (SNS → SQS, alarms → SNS, metrics...). */
  links: Links;
  /** This local cloud's own URL (`http://127.0.0.1:4790`), for code that calls back into it; valid once the server listens, not inside the factory. */
  endpointUrl: () => string;
}

export type ServiceFactory = (context: ServiceContext) => ServiceModule | Promise<ServiceModule>;
