/**
 * The embedded AWS-compatible local cloud. `startLocalCloud()` opens one loopback endpoint that
 * the unchanged AWS SDK clients (and the AWS CLI, boto3) talk to, restores saved state, and runs
 * the virtual clock. See README.md in this folder.
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import type http2 from "node:http2";
import { VirtualClock } from "./core/clock";
import type { Links } from "./core/links";
import { StateStore } from "./core/persistence";
import type { ServiceFactory, ServiceModule, ServiceResponse } from "./core/service";
import { handleInternal } from "./internal-api";
import { regionOf, Router } from "./router";
import { listenDualProtocol } from "./server";
import { serviceFactories } from "./services";

export const DEFAULT_LOCALCLOUD_PORT = 4790;
export const LOCAL_ACCOUNT_ID = "000000000000";
/** Larger than any request the emulated APIs accept (Kinesis PutRecords: 5 MiB + overhead). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface LocalCloudOptions {
  /** 0 picks a free port. Defaults to LOCALCLOUD_PORT or 4790. */
  port?: number;
  /** Folder for state; null keeps state in memory only (ephemeral). */
  dataDir?: string | null;
  /** Which services to run (all by default). */
  services?: ServiceFactory[];
  /** Ignored: every write is committed in the next group-commit batch (kept for existing callers). */
  flushIntervalMs?: number;
}

export interface LocalCloud {
  endpoint: string;
  port: number;
  clock: VirtualClock;
  store: StateStore;
  services: ServiceModule[];
  links: Links;
  close(): Promise<void>;
}

type AnyRequest = http.IncomingMessage | http2.Http2ServerRequest;
type AnyResponse = http.ServerResponse | http2.Http2ServerResponse;

const CLOCK_KEY = "clock";

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const port = options.port ?? (Number(process.env.LOCALCLOUD_PORT) || DEFAULT_LOCALCLOUD_PORT);
  const store = await StateStore.open({ dir: options.dataDir ?? null });
  const savedClock = store.read(CLOCK_KEY) as { offsetMs?: number } | undefined;
  const clock = new VirtualClock(typeof savedClock?.offsetMs === "number" ? savedClock.offsetMs : 0);
  clock.onAdvance(() => store.markDirty(CLOCK_KEY, () => ({ offsetMs: clock.offsetSeconds * 1000 })));

  const links: Links = {};
  const services: ServiceModule[] = [];
  try {
    for (const factory of options.services ?? serviceFactories) {
      services.push(await factory({ clock, store, accountId: LOCAL_ACCOUNT_ID, links, endpointUrl: () => endpoint }));
    }
  } catch (error) {
    // A record a service cannot read: stop here (never start empty) and free the data folder.
    for (const service of services) await service.close?.();
    clock.stop();
    await store.close();
    throw error;
  }
  const router = new Router(services);
  const internal = { clock, services, persistent: store.persistent };

  const handler = (req: AnyRequest, res: AnyResponse) => {
    handleRequest(req, res).catch((error) => {
      console.error("[localcloud] request failed:", error);
      send(res, { status: 500, headers: { "content-type": "application/json" }, body: JSON.stringify({ __type: "InternalFailure", message: "The local cloud failed to process the request." }) }, randomUUID());
    });
  };

  async function handleRequest(req: AnyRequest, res: AnyResponse) {
    const requestId = randomUUID();
    // SDK requests go to "/": skip URL parsing for them (measurable on small requests).
    const url: Pick<URL, "pathname" | "searchParams" | "search"> =
      req.url === "/" || req.url === undefined ? { pathname: "/", searchParams: new URLSearchParams(), search: "" } : new URL(req.url, "http://localhost");
    const refusal = refuse(req);
    if (refusal) return send(res, { status: 403, headers: { "content-type": "application/json" }, body: JSON.stringify({ message: refusal }) }, requestId);

    const body = await readBody(req);
    if (body === null) {
      return send(res, { status: 413, headers: { "content-type": "application/json" }, body: JSON.stringify({ message: "Request body too large." }) }, requestId);
    }
    const method = req.method ?? "GET";
    if (url.pathname.startsWith("/_localcloud/")) {
      const host = String(req.headers.host ?? req.headers[":authority"] ?? `127.0.0.1:${server.port}`);
      const answer = await handleInternal(internal, method, url.pathname, url.searchParams, body, host);
      return send(res, store.hasUnsynced ? await durably(store, answer) : answer, requestId);
    }

    const params = new URLSearchParams(url.searchParams);
    const contentType = String(req.headers["content-type"] ?? "");
    if (contentType.includes("application/x-www-form-urlencoded")) {
      for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params.set(k, v);
    }
    const route = router.route({ method, path: url.pathname, headers: req.headers, params });
    if (!route) return send(res, unknownRequest(), requestId);

    // The abort signal is made only for a service that asks for it (an AbortController per request
    // is a measurable share of a small request's cost), and fires only if the client left early.
    let abort: AbortController | undefined;
    let clientGone = false;
    res.on("close", () => {
      if (res.writableFinished) return;
      clientGone = true;
      abort?.abort();
    });
    let response = await route.service.handle({
      protocol: route.protocol,
      operation: route.operation,
      region: regionOf(req.headers, params),
      accountId: LOCAL_ACCOUNT_ID,
      requestId,
      method,
      path: url.pathname,
      query: url.searchParams,
      rawQuery: url.search.slice(1),
      headers: req.headers,
      host: String(req.headers.host ?? req.headers[":authority"] ?? `127.0.0.1:${server.port}`),
      body,
      params,
      get signal() {
        if (!abort) {
          abort = new AbortController();
          if (clientGone) abort.abort();
        }
        return abort.signal;
      },
    });
    // Answer only once this request's writes (and every earlier one) are synced to disk.
    if (store.hasUnsynced) response = await durably(store, response);
    send(res, response, requestId);
  }

  const server = await listenDualProtocol(handler, "127.0.0.1", port).catch(async (error: unknown) => {
    for (const service of services) await service.close?.();
    clock.stop();
    await store.close();
    throw error;
  });
  const endpoint = `http://127.0.0.1:${server.port}`;

  return {
    endpoint,
    port: server.port,
    clock,
    store,
    services,
    links,
    async close() {
      await server.close();
      for (const service of services) await service.close?.();
      clock.stop();
      await store.close();
    },
  };
}

/**
 * Loopback only, and never from a web page: a browser sends `Origin` on cross-site requests, and a
 * DNS-rebinding page would arrive with a foreign Host. SDKs and CLIs send neither.
 */
function refuse(req: AnyRequest): string | null {
  if (req.headers.origin) return "The local cloud does not accept requests from web pages.";
  const host = String(req.headers.host ?? req.headers[":authority"] ?? "");
  const hostname = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0];
  const loopback = hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]" || hostname.endsWith(".localhost");
  return loopback ? null : `The local cloud only answers requests addressed to a loopback host, not ${hostname || "(none)"}.`;
}

/** The request body, or null past MAX_BODY_BYTES (the rest is drained). Events, not async iteration: cheaper per request. */
function readBody(req: AnyRequest): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.off("data", onData);
      req.resume();
      ended = true;
      resolve(null);
    };
    req.on("data", onData);
    req.once("end", () => {
      if (ended) return;
      ended = true;
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    req.once("error", reject);
    req.once("close", () => {
      if (!ended) reject(new Error("The client closed the connection before sending the whole request."));
    });
  });
}

/** The response once the store is durable, or a 500 naming the data folder when the commit failed (say a full disk). */
async function durably(store: StateStore, response: ServiceResponse): Promise<ServiceResponse> {
  try {
    await store.durable();
    return response;
  } catch (error) {
    return {
      status: 500,
      headers: { "content-type": "application/json", "x-amzn-errortype": "InternalFailure" },
      body: JSON.stringify({ __type: "InternalFailure", message: (error as Error).message }),
    };
  }
}

function unknownRequest(): ServiceResponse {
  return {
    status: 400,
    headers: { "content-type": "application/json", "x-amzn-errortype": "UnknownOperationException" },
    body: JSON.stringify({ __type: "UnknownOperationException", message: "The local cloud could not tell which AWS service this request is for." }),
  };
}

function send(res: AnyResponse, response: ServiceResponse, requestId: string): void {
  if (res.headersSent || res.writableEnded || (res as http.ServerResponse).destroyed) return;
  const headers: Record<string, string | string[]> = {
    ...response.headers,
    ...response.multiHeaders,
    "x-amzn-requestid": requestId,
  };
  const body = response.body;
  headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.length);
  (res as http.ServerResponse).writeHead(response.status, headers);
  (res as http.ServerResponse).end(body);
}
