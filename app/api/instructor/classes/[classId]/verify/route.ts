import { z } from "zod";
import { badRequest, json } from "@/lib/api/responses";
import { labs } from "@/labs/registry";
import { classLabs } from "@/lib/classroom/class-labs";
import { classroomMutation } from "@/lib/classroom/classroom-routes";
import { classStore } from "@/lib/classroom/class-store";
import { forgetDashboard } from "@/lib/classroom/dashboard-snapshot";
import { classNotFound } from "@/lib/classroom/responses";
import { startVerify, stopVerify } from "@/lib/classroom/verify-jobs";

type Params = { classId: string };
const startInput = z.object({ labId: z.string().min(1).max(64) }).strict();
const noBody = z.object({}).strict();

/** Starts "verify now" for one lab of the class; the dashboard's snapshot shows its progress and results. */
export const POST = classroomMutation<typeof startInput, Params>({ body: startInput }, async ({ body, params }) => {
  const record = classStore().get(params.classId);
  if (!record) return classNotFound();
  const lab = classLabs(record, labs).find((l) => l.id === body.labId);
  if (!lab) return badRequest(`The class does not work on the lab ${body.labId.slice(0, 60)}.`, "Pick one of the class's labs.", "labId");
  const view = startVerify(record, lab);
  forgetDashboard(record.id);
  return json({ verify: view }, { status: 202 });
});

export const DELETE = classroomMutation<typeof noBody, Params>({ body: noBody }, async ({ params }) => {
  if (!classStore().get(params.classId)) return classNotFound();
  const stopped = stopVerify(params.classId);
  forgetDashboard(params.classId);
  return json({ stopped });
});
