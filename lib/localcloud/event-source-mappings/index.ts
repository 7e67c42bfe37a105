/**
 * Lambda's event source mappings on the local cloud: Create/Get/List/Update/
 * DeleteEventSourceMapping under `/2015-03-31/event-source-mappings` (signing name `lambda`,
 * routed before the Lambda service), with lib/runtime as the engine that polls the sources and
 * invokes the functions through the Lambda service. See README.md.
 */
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule } from "../core/service";
import { restJson, restJsonBody, restJsonError } from "../protocol/rest-json";
import { lambdaErrors } from "../lambda/errors";
import { MappingEngine } from "./engine";
import { PATH_PREFIX, runOperation } from "./operations";
import { Transitions } from "./transitions";

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
                body: restJsonBody(request.body, (_problem, detail) => lambdaErrors.invalidContent(detail)),
                region: request.region,
                accountId: request.accountId,
              });
        if (!answer) throw lambdaErrors.unknownOperation(request.method, request.path);
        return restJson(answer.status, answer.body);
      } catch (error) {
        if (error instanceof AwsError) return restJsonError(error);
        throw error;
      }
    },
    async close() {
      await engine.close();
    },
  };
}
