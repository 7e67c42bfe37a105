/**
 * Lambda's event source mappings on the local cloud: Create/Get/List/Update/
 * DeleteEventSourceMapping under `/2015-03-31/event-source-mappings` (signing name `lambda`,
 * routed before the Lambda service), with lib/runtime as the engine that polls the sources and
 * invokes the functions through the Lambda service. See README.md.
 */
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule, ServiceResponse } from "../core/service";
import { lambdaErrors } from "../lambda/errors";
import { MappingEngine } from "./engine";
import { PATH_PREFIX, runOperation } from "./operations";
import type { JsonObject } from "./settings";
import { Transitions } from "./transitions";

function json(status: number, body: unknown, headers: Record<string, string> = {}): ServiceResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body ?? {}) };
}

function errorResponse(error: AwsError): ServiceResponse {
  return json(error.status, { message: error.message, ...error.extra }, { "x-amzn-errortype": error.code });
}

function parseBody(body: Buffer): JsonObject {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw lambdaErrors.invalidContent(error instanceof Error ? error.message : String(error));
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw lambdaErrors.invalidContent("the body must be a JSON object");
  return parsed as JsonObject;
}

/** `/2015-03-31/event-source-mappings/<uuid>/` → `<uuid>`; the collection → undefined; anything deeper → null. */
function uuidOf(path: string): string | undefined | null {
  const rest = path.slice(PATH_PREFIX.length).split("/").filter((segment) => segment !== "");
  if (rest.length === 0) return undefined;
  return rest.length === 1 ? decodeURIComponent(rest[0]) : null;
}

export function createEventSourceMappingsService(context: ServiceContext): ServiceModule {
  const engine = new MappingEngine(context);
  const transitions = new Transitions(context.clock);
  const deps = { engine, transitions, links: context.links };

  return {
    name: "event-source-mappings",
    match: { signingNames: ["lambda"], pathPrefixes: [PATH_PREFIX] },
    async handle(request) {
      try {
        await engine.ready();
        const uuid = uuidOf(request.path);
        const answer =
          uuid === null
            ? undefined
            : await runOperation(deps, {
                method: request.method,
                uuid,
                query: request.query,
                body: parseBody(request.body),
                region: request.region,
                accountId: request.accountId,
              });
        if (!answer) throw lambdaErrors.unknownOperation(request.method, request.path);
        return json(answer.status, answer.body);
      } catch (error) {
        if (error instanceof AwsError) return errorResponse(error);
        throw error;
      }
    },
    async close() {
      await engine.close();
    },
  };
}
