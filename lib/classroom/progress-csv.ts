/**
 * The class's progress as CSV: one row per student, lab and step (steps never checked have empty
 * times), with when the step was first tried and completed, how long it took, failed checks and the
 * latest reason. Fields are quoted as RFC 4180 says; a field a spreadsheet would read as a formula
 * (= + - @ at the start) gets a leading apostrophe.
 */
import type { StepRecord } from "@/lib/progress/types";
import type { ClassRecord } from "./class-record";
import type { LabColumn } from "./dashboard-view";
import { compareUsernames, rosterUsernames } from "./roster";

export const CSV_HEADER = [
  "class",
  "student",
  "joined_at",
  "lab",
  "step_number",
  "step",
  "step_title",
  "status",
  "first_tried_at",
  "completed_at",
  "seconds_to_complete",
  "failed_checks",
  "last_checked_at",
  "last_reason",
];

export function csvField(value: string | number | undefined): string {
  if (value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function progressCsv(record: ClassRecord, labs: LabColumn[], records: StepRecord[]): string {
  const index = new Map(records.map((r) => [`${r.student}\u0000${r.labId}\u0000${r.stepId}`, r]));
  const lines = [CSV_HEADER.join(",")];
  for (const student of rosterUsernames(record.roster).sort(compareUsernames)) {
    for (const lab of labs) {
      lab.steps.forEach((step, i) => {
        const r = index.get(`${student}\u0000${lab.id}\u0000${step.id}`);
        const seconds = r?.completedAt ? Math.max(0, Math.round((Date.parse(r.completedAt) - Date.parse(r.firstSeenAt)) / 1000)) : undefined;
        const status = !r ? "not started" : r.completedAt ? "done" : "failing";
        lines.push(
          [record.name, student, record.seats[student]?.joinedAt, lab.id, i + 1, step.id, step.title, status, r?.firstSeenAt, r?.completedAt, seconds, r?.failures, r?.lastCheckedAt, r?.lastReason]
            .map(csvField)
            .join(","),
        );
      });
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
