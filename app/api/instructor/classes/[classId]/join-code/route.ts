import { z } from "zod";
import { json } from "@/lib/api/responses";
import { isOpen } from "@/lib/classroom/class-record";
import { classroomMutation } from "@/lib/classroom/classroom-routes";
import { classStore } from "@/lib/classroom/class-store";
import { classSummary, forgetDashboard } from "@/lib/classroom/dashboard-snapshot";
import { classEnded, classNotFound } from "@/lib/classroom/responses";

const noBody = z.object({}).strict();

/** A new join code (the old one stops working; students already in keep their sessions). */
export const POST = classroomMutation<typeof noBody, { classId: string }>({ body: noBody }, async ({ params }) => {
  const store = classStore();
  const record = store.get(params.classId);
  if (!record) return classNotFound();
  if (!isOpen(record)) return classEnded();
  const next = store.newJoinCode(record.id);
  forgetDashboard(record.id);
  return json({ class: classSummary(next) });
});
