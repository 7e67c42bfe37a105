import { createLabContext } from "@/lib/lab-framework/context";
import { inspectTable } from "@/lib/lab-framework/inspect/table-inspection";
import { findResourceTarget } from "@/lib/api/lab-target";
import { labs } from "@/labs/registry";
import { awsFailure } from "@/lib/api/responses";
import { query } from "@/lib/api/route";
import { snapshotResponse } from "@/lib/live/snapshot-response";

/** A lab table's items (one Scan page), as plain JSON. */
export const GET = query<{ labId: string; resourceKey: string }>(async ({ params, settings, request }) => {
  const found = findResourceTarget(labs, params.labId, params.resourceKey, ["dynamodb-table"]);
  if (!found.ok) return found.response;
  try {
    const context = await createLabContext(found.value.lab, settings, AbortSignal.any([request.signal, AbortSignal.timeout(15_000)]));
    return snapshotResponse(request, await inspectTable(context, found.value.key));
  } catch (error) {
    return awsFailure(error, `table ${params.labId}/${params.resourceKey}`, { region: settings.region });
  }
});
