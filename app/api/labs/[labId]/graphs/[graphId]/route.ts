import { z } from "zod";
import { createLabContext } from "@/lib/lab-framework/context";
import { GRAPH_MINUTES, graphData } from "@/lib/lab-framework/inspect/metric-graphs";
import { findLabTarget } from "@/lib/api/lab-target";
import { labs } from "@/labs/registry";
import { awsFailure, badRequest, notFound } from "@/lib/api/responses";
import { query } from "@/lib/api/route";
import { snapshotResponse } from "@/lib/live/snapshot-response";

const options = z.object({ minutes: z.coerce.number().int().min(GRAPH_MINUTES.min).max(GRAPH_MINUTES.max).default(GRAPH_MINUTES.default) }).strict();

/** One of the lab's CloudWatch graphs, by id: the lab defines its metrics on the server. */
export const GET = query<{ labId: string; graphId: string }>(async ({ params, settings, request }) => {
  const found = findLabTarget(labs, params.labId);
  if (!found.ok) return found.response;
  const { lab } = found.value;
  if (!lab.graphs || !Object.hasOwn(lab.graphs, params.graphId)) return notFound(`The lab ${lab.title} has no graph ${params.graphId.slice(0, 60)}.`);
  const parsed = options.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return badRequest(`minutes must be a whole number from ${GRAPH_MINUTES.min} to ${GRAPH_MINUTES.max}.`, "Pick one of the graph's time ranges.", "minutes", "ValidationFailed");
  }
  try {
    const context = await createLabContext(lab, settings, AbortSignal.any([request.signal, AbortSignal.timeout(15_000)]));
    return snapshotResponse(request, await graphData(context, lab, params.graphId, parsed.data.minutes));
  } catch (error) {
    return awsFailure(error, `graph ${lab.id}/${params.graphId}`, { region: settings.region });
  }
});
