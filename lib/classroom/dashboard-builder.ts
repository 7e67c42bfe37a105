/**
 * The dashboard's students × labs grid, worked out from the progress records alone (pure, so it is
 * tested with any "now"). Stuck means one of two things:
 * - failing: a step's check has failed `stuck.failures` times and never passed (the latest
 *   reason is shown), or
 * - idle: no step completed for `stuck.idleMinutes` (counted from the latest completion, or from
 *   joining), while the student has steps left.
 */
import type { StepRecord } from "@/lib/progress/types";
import type { StuckRule } from "./class-record";
import type { LabCell, LabColumn, StudentRow, StuckInfo } from "./dashboard-view";
import { compareUsernames } from "./roster";

export interface StudentInput {
  username: string;
  joinedAt?: string;
  lastSeenAt?: number;
}

const SEEN_ROUNDING_MS = 30_000;

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

function labCell(lab: LabColumn, records: Map<string, StepRecord>): LabCell {
  let done = 0;
  let current: LabCell["current"];
  let lastActivityAt: string | undefined;
  for (const step of lab.steps) {
    const record = records.get(step.id);
    if (record?.completedAt) done++;
    else if (!current) current = { id: step.id, title: step.title };
    lastActivityAt = latest(lastActivityAt, record?.lastCheckedAt);
  }
  return { done, total: lab.steps.length, current: lastActivityAt ? current : undefined, lastActivityAt };
}

function failingStep(labs: LabColumn[], records: Map<string, Map<string, StepRecord>>, rule: StuckRule): StuckInfo | null {
  let worst: Extract<StuckInfo, { kind: "failing" }> | null = null;
  for (const lab of labs) {
    const byStep = records.get(lab.id);
    if (!byStep) continue;
    for (const step of lab.steps) {
      const record = byStep.get(step.id);
      if (!record || record.completedAt || record.status !== "failed" || record.failures < rule.failures) continue;
      if (!worst || record.lastCheckedAt > worst.lastCheckedAt) {
        worst = { kind: "failing", labId: lab.id, stepId: step.id, stepTitle: step.title, failures: record.failures, reason: record.lastReason, lastCheckedAt: record.lastCheckedAt };
      }
    }
  }
  return worst;
}

export function buildStudentRows(
  students: StudentInput[],
  labs: LabColumn[],
  records: StepRecord[],
  rule: StuckRule,
  now: number,
): StudentRow[] {
  const known = new Set(labs.map((l) => l.id));
  const byStudent = new Map<string, Map<string, Map<string, StepRecord>>>();
  for (const record of records) {
    if (!known.has(record.labId)) continue;
    let perLab = byStudent.get(record.student);
    if (!perLab) byStudent.set(record.student, (perLab = new Map()));
    let perStep = perLab.get(record.labId);
    if (!perStep) perLab.set(record.labId, (perStep = new Map()));
    perStep.set(record.stepId, record);
  }
  const totalSteps = labs.reduce((sum, lab) => sum + lab.steps.length, 0);

  const rows = students.map((student): StudentRow => {
    const perLab = byStudent.get(student.username) ?? new Map<string, Map<string, StepRecord>>();
    const cells: Record<string, LabCell> = {};
    let doneSteps = 0;
    let lastActivityAt: string | undefined;
    let lastCompletedAt: string | undefined;
    let current: StudentRow["current"];
    let currentAt: string | undefined;
    for (const lab of labs) {
      const steps = perLab.get(lab.id) ?? new Map<string, StepRecord>();
      const cell = labCell(lab, steps);
      cells[lab.id] = cell;
      doneSteps += cell.done;
      for (const record of steps.values()) lastCompletedAt = latest(lastCompletedAt, record.completedAt);
      if (cell.lastActivityAt && (!currentAt || cell.lastActivityAt > currentAt)) {
        currentAt = cell.lastActivityAt;
        current = cell.current ? { labId: lab.id, stepId: cell.current.id, stepTitle: cell.current.title } : undefined;
      }
      lastActivityAt = latest(lastActivityAt, cell.lastActivityAt);
    }
    const joined = Boolean(student.joinedAt);
    let stuck: StuckInfo | null = null;
    if ((joined || lastActivityAt) && doneSteps < totalSteps) {
      stuck = failingStep(labs, perLab, rule);
      const since = latest(lastCompletedAt, student.joinedAt) ?? lastActivityAt;
      if (!stuck && since) {
        const minutes = Math.floor((now - Date.parse(since)) / 60_000);
        if (minutes >= rule.idleMinutes) stuck = { kind: "idle", since, minutes: rule.idleMinutes * Math.floor(minutes / rule.idleMinutes) };
      }
    }
    return {
      username: student.username,
      joined,
      joinedAt: student.joinedAt,
      lastSeenAt: student.lastSeenAt ? new Date(Math.floor(student.lastSeenAt / SEEN_ROUNDING_MS) * SEEN_ROUNDING_MS).toISOString() : undefined,
      labs: cells,
      current,
      lastActivityAt,
      lastCompletedAt,
      doneSteps,
      stuck,
    };
  });
  return rows.sort((a, b) => compareUsernames(a.username, b.username));
}
