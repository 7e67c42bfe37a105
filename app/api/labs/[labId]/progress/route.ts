import { z } from "zod";
import { awsClients } from "@/lib/aws/clients";
import { progressStoreFor } from "@/lib/progress/progress-store";
import { findLabTarget } from "@/lib/api/lab-target";
import { labs } from "@/labs/registry";
import { awsFailure, json } from "@/lib/api/responses";
import { mutation, query } from "@/lib/api/route";
import { invalidate } from "@/lib/live/coalesce";

const noBody = z.object({}).strict();

export const GET = query<{ labId: string }>(async ({ params, settings }) => {
  const found = findLabTarget(labs, params.labId);
  if (!found.ok) return found.response;
  try {
    const store = progressStoreFor(awsClients(settings.connection, settings.region));
    return json({ records: await store.forStudent(settings.prefix, found.value.lab.id), notice: store.notice });
  } catch (error) {
    return awsFailure(error, `progress ${params.labId}`, { region: settings.region });
  }
});

/** "Start over": forgets this student's progress in the lab (the resources stay). */
export const DELETE = mutation<typeof noBody, { labId: string }>({ body: noBody }, async ({ params, settings }) => {
  const found = findLabTarget(labs, params.labId);
  if (!found.ok) return found.response;
  try {
    await progressStoreFor(awsClients(settings.connection, settings.region)).resetLab(settings.prefix, found.value.lab.id);
    invalidate(`lab|${found.value.lab.id}|`);
    return json({ reset: true });
  } catch (error) {
    return awsFailure(error, `reset progress ${params.labId}`, { region: settings.region });
  }
});
