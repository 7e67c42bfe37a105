import { badRequest, awsFailure, json } from "@/lib/api/responses";
import { instructorQuery } from "@/lib/classroom/classroom-routes";
import { classStore } from "@/lib/classroom/class-store";
import { labs } from "@/labs/registry";
import { classInventory } from "@/lib/classroom/inventory";
import { classNotFound } from "@/lib/classroom/responses";
import { onRoster, rosterUsernames } from "@/lib/classroom/roster";
import { coalesce } from "@/lib/live/coalesce";

const SHARE_MS = 3000;

/** Class resources and their cost per hour: every student, or `?students=user1,user3`. Read-only. */
export const GET = instructorQuery<{ classId: string }>(async ({ request, params }) => {
  const record = classStore().get(params.classId);
  if (!record) return classNotFound();
  const asked = new URL(request.url).searchParams.get("students");
  const students = asked ? [...new Set(asked.split(",").map((s) => s.trim()).filter(Boolean))] : rosterUsernames(record.roster);
  const stranger = students.find((s) => !onRoster(record.roster, s));
  if (stranger) return badRequest(`${stranger.slice(0, 40)} is not on this class's list.`, "Ask for students of the class only.", "students");
  try {
    const inventory = await coalesce(`classroom|inventory|${record.id}|${students.join(",")}`, SHARE_MS, () =>
      classInventory(record, students, AbortSignal.any([request.signal, AbortSignal.timeout(120_000)]), labs),
    );
    return json(inventory);
  } catch (error) {
    return awsFailure(error, `class resources ${record.id}`, { region: record.region });
  }
});
