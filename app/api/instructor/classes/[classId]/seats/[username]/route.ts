import { z } from "zod";
import { errorResponse, json } from "@/lib/api/responses";
import { classroomMutation } from "@/lib/classroom/classroom-routes";
import { classStore } from "@/lib/classroom/class-store";
import { forgetDashboard } from "@/lib/classroom/dashboard-snapshot";
import { classNotFound } from "@/lib/classroom/responses";

const noBody = z.object({}).strict();

/** Releases a student's seat: their session ends, and the username can join again (another computer). */
export const DELETE = classroomMutation<typeof noBody, { classId: string; username: string }>({ body: noBody }, async ({ params }) => {
  const store = classStore();
  if (!store.get(params.classId)) return classNotFound();
  if (!store.releaseSeat(params.classId, params.username)) {
    return errorResponse(404, { code: "NoSeat", message: `${params.username.slice(0, 40)} has not joined this class.`, action: "Nothing to release.", retryable: false });
  }
  forgetDashboard(params.classId);
  return json({ released: params.username });
});
