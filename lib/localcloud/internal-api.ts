/**
 * The local cloud's own API under `/_localcloud/`, apart from the AWS APIs: health and
 * capabilities, the clock, and each service's side-effect-free inspection routes.
 *
 *   GET  /_localcloud/health                 → { ok, services, capabilities, clock, persistent }
 *   GET  /_localcloud/clock                  → { now, offsetSeconds }
 *   POST /_localcloud/clock {advanceSeconds} → the clock after moving it forward
 *   *    /_localcloud/<service>/<subpath>    → that service's inspect()
 */
import { AwsError } from "./core/errors";
import type { VirtualClock } from "./core/clock";
import type { ServiceModule, ServiceResponse } from "./core/service";

export const LOCALCLOUD_NAME = "messaging-labs-localcloud";
/** The most one fast-forward may move the clock: a week, more than any lab needs. */
const MAX_ADVANCE_SECONDS = 7 * 24 * 3600;

export interface InternalApiContext {
  clock: VirtualClock;
  services: ServiceModule[];
  persistent: boolean;
}

function json(status: number, body: unknown): ServiceResponse {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

function clockState(clock: VirtualClock) {
  return { now: clock.nowDate().toISOString(), nowMs: clock.now(), offsetSeconds: clock.offsetSeconds };
}

export async function handleInternal(
  context: InternalApiContext,
  method: string,
  path: string,
  query: URLSearchParams,
  rawBody: Buffer,
  host?: string,
): Promise<ServiceResponse> {
  const subpath = path.slice("/_localcloud/".length);
  let body: unknown = undefined;
  if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody.toString("utf8"));
    } catch {
      return json(400, { error: { code: "BadRequest", message: "The body must be JSON." } });
    }
  }

  try {
    if (subpath === "health" && method === "GET") {
      return json(200, {
        ok: true,
        name: LOCALCLOUD_NAME,
        services: context.services.map((s) => s.name),
        capabilities: { clock: true, inspect: true },
        persistent: context.persistent,
        clock: clockState(context.clock),
      });
    }
    if (subpath === "clock") {
      if (method === "GET") return json(200, clockState(context.clock));
      if (method === "POST") {
        const seconds = (body as { advanceSeconds?: unknown } | undefined)?.advanceSeconds;
        if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_ADVANCE_SECONDS) {
          return json(400, {
            error: { code: "InvalidAdvance", message: `advanceSeconds must be a number from 0 to ${MAX_ADVANCE_SECONDS}.` },
          });
        }
        context.clock.advance(seconds * 1000);
        return json(200, clockState(context.clock));
      }
    }
    const slash = subpath.indexOf("/");
    const serviceName = slash === -1 ? subpath : subpath.slice(0, slash);
    const service = context.services.find((s) => s.name === serviceName);
    if (service?.inspect) {
      const result = await service.inspect({ method, subpath: slash === -1 ? "" : subpath.slice(slash + 1), query, body, host });
      return json(200, result);
    }
    return json(404, { error: { code: "NotFound", message: `No local cloud route ${method} ${path}.` } });
  } catch (error) {
    if (error instanceof AwsError) return json(error.status, { error: { code: error.code, message: error.message } });
    throw error;
  }
}
