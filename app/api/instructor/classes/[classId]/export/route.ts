import { instructorQuery } from "@/lib/classroom/classroom-routes";
import { labs } from "@/labs/registry";
import { labColumns } from "@/lib/classroom/class-labs";
import { classStore } from "@/lib/classroom/class-store";
import { classRecords } from "@/lib/classroom/dashboard-snapshot";
import { progressCsv } from "@/lib/classroom/progress-csv";
import { classNotFound } from "@/lib/classroom/responses";
import { errorResponse } from "@/lib/api/responses";

/** The class's progress as a CSV download. */
export const GET = instructorQuery<{ classId: string }>(async ({ params }) => {
  const record = classStore().get(params.classId);
  if (!record) return classNotFound();
  const { records, error } = await classRecords(record);
  if (error) return errorResponse(502, { code: "ProgressUnavailable", message: error, action: "Check the class's connection, then export again.", retryable: true });
  const slug = record.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "class";
  return new Response(progressCsv(record, labColumns(record, labs), records), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${slug}-progress-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
