import { createLabContext } from "@/lib/lab-framework/context";
import { inspectQueue } from "@/lib/lab-framework/inspect/queue-inspection";
import { findResourceTarget } from "@/lib/api/lab-target";
import { labs } from "@/labs/registry";
import { awsFailure } from "@/lib/api/responses";
import { query } from "@/lib/api/route";
import { snapshotResponse } from "@/lib/live/snapshot-response";

/** A lab queue's counts (GetQueueAttributes) and, on a local cloud, its messages peeked without receiving. */
export const GET = query<{ labId: string; resourceKey: string }>(async ({ params, settings, request }) => {
  const found = findResourceTarget(labs, params.labId, params.resourceKey, ["sqs-queue"]);
  if (!found.ok) return found.response;
  try {
    const context = await createLabContext(found.value.lab, settings, AbortSignal.any([request.signal, AbortSignal.timeout(15_000)]));
    return snapshotResponse(request, await inspectQueue(context, found.value.key));
  } catch (error) {
    return awsFailure(error, `queue ${params.labId}/${params.resourceKey}`, { region: settings.region });
  }
});
