import { instructorQuery } from "@/lib/classroom/classroom-routes";
import { classStore } from "@/lib/classroom/class-store";
import { labs } from "@/labs/registry";
import { dashboardSnapshot } from "@/lib/classroom/dashboard-snapshot";
import { classNotFound } from "@/lib/classroom/responses";
import { snapshotResponse } from "@/lib/live/snapshot-response";

/** The live dashboard's snapshot (ETag; 304 while nothing changed), polled by lib/live's useLive. */
export const GET = instructorQuery<{ classId: string }>(async ({ request, params }) => {
  const record = classStore().get(params.classId);
  if (!record) return classNotFound();
  return snapshotResponse(request, await dashboardSnapshot(record, labs));
});
