import { z } from "zod";
import { createLabContext } from "@/lib/lab-framework/context";
import { pollQueue } from "@/lib/lab-framework/inspect/queue-inspection";
import { findResourceTarget } from "@/lib/api/lab-target";
import { labs } from "@/labs/registry";
import { awsFailure, json } from "@/lib/api/responses";
import { mutation } from "@/lib/api/route";
import { invalidate } from "@/lib/live/coalesce";

const noBody = z.object({}).strict();

/** "Poll for messages": one ReceiveMessage, which counts as a receive (see queue-inspection.ts). */
export const POST = mutation<typeof noBody, { labId: string; resourceKey: string }>({ body: noBody }, async ({ params, settings, request }) => {
  const found = findResourceTarget(labs, params.labId, params.resourceKey, ["sqs-queue"]);
  if (!found.ok) return found.response;
  try {
    const context = await createLabContext(found.value.lab, settings, request.signal);
    const result = await pollQueue(context, found.value.key);
    invalidate(`lab|${found.value.lab.id}|`);
    return json(result);
  } catch (error) {
    return awsFailure(error, `poll ${params.labId}/${params.resourceKey}`, { region: settings.region, subject: `the queue` });
  }
});
