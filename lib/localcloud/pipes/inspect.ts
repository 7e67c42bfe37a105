/**
 * Side-effect-free inspection: `GET /_localcloud/pipes/pipes?region=` lists each pipe with its
 * source, target, states and what it has done (received, filtered out, delivered, failed).
 */
import { AwsError } from "../core/errors";
import type { InspectRequest } from "../core/service";
import { DEFAULT_REGION } from "../router";
import type { PipesModel } from "./model";

export function inspectPipes(model: PipesModel, request: InspectRequest): unknown {
  if (request.method === "GET" && request.subpath === "pipes") {
    const region = request.query.get("region") || DEFAULT_REGION;
    return {
      region,
      pipes: model.list(region).map((p) => ({
        name: p.name,
        arn: p.arn,
        source: p.source,
        target: p.target,
        roleArn: p.roleArn,
        desiredState: p.desiredState,
        currentState: p.currentState,
        counters: { ...p.counters },
        lastError: p.lastError ?? null,
      })),
    };
  }
  throw new AwsError("NotFound", `No inspection route ${request.method} /_localcloud/pipes/${request.subpath}.`, { status: 404 });
}
