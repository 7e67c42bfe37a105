import { z } from "zod";
import { awsFailure, badRequest, json } from "@/lib/api/responses";
import { labs } from "@/labs/registry";
import { cleanUpStudents } from "@/lib/classroom/class-clean-up";
import { classroomMutation } from "@/lib/classroom/classroom-routes";
import { classStore } from "@/lib/classroom/class-store";
import { forgetDashboard } from "@/lib/classroom/dashboard-snapshot";
import { classNotFound } from "@/lib/classroom/responses";
import { onRoster, rosterUsernames } from "@/lib/classroom/roster";
import { invalidate } from "@/lib/live/coalesce";

const cleanUpInput = z
  .object({
    students: z.union([z.literal("all"), z.array(z.string().min(1).max(64)).min(1).max(500)]),
    confirm: z.literal(true, { message: "Confirm the clean-up: it deletes the listed resources." }),
  })
  .strict();

/**
 * Deletes what the workbook made for one student, some, or the whole class (`"all"`): their
 * triggers first, then every lab resource carrying their tags. Answers what happened to each.
 */
export const POST = classroomMutation<typeof cleanUpInput, { classId: string }>({ body: cleanUpInput }, async ({ request, body, params }) => {
  const record = classStore().get(params.classId);
  if (!record) return classNotFound();
  const students = body.students === "all" ? rosterUsernames(record.roster) : [...new Set(body.students)];
  const stranger = students.find((s) => !onRoster(record.roster, s));
  if (stranger) return badRequest(`${stranger.slice(0, 40)} is not on this class's list.`, "Clean up students of the class only.", "students");
  try {
    const results = await cleanUpStudents(record, students, AbortSignal.any([request.signal, AbortSignal.timeout(10 * 60_000)]), labs);
    invalidate(`classroom|inventory|${record.id}|`);
    forgetDashboard(record.id);
    return json({ students: results });
  } catch (error) {
    return awsFailure(error, `class clean-up ${record.id}`, { region: record.region });
  }
});
