/**
 * The dashboard's snapshot of one class: its summary, the students × labs grid from the progress
 * table of the class's connection, who is stuck, and the latest verify run. Identical requests
 * within a second share one computation (several instructor tabs, a projector).
 */
import { awsClients } from "@/lib/aws/clients";
import { translateAwsError } from "@/lib/aws/errors";
import { coalesce, invalidate } from "@/lib/live/coalesce";
import { progressStoreFor } from "@/lib/progress/progress-store";
import type { StepRecord } from "@/lib/progress/types";
import { connectionView } from "./class-connection";
import { labColumns } from "./class-labs";
import type { ClassRecord } from "./class-record";
import { classConnectionProblem } from "./class-settings";
import { classStore } from "./class-store";
import { buildStudentRows } from "./dashboard-builder";
import type { ClassSummaryView, DashboardSnapshot } from "./dashboard-view";
import { formatJoinCode } from "./join-code";
import { describeRoster, rosterUsernames } from "./roster";
import { verifyView } from "./verify-jobs";

const SHARE_MS = 1000;

export function classSummary(record: ClassRecord): ClassSummaryView {
  const usernames = rosterUsernames(record.roster);
  return {
    id: record.id,
    name: record.name,
    joinCode: formatJoinCode(record.joinCode),
    roster: describeRoster(record.roster),
    rosterSize: usernames.length,
    region: record.region,
    connection: connectionView(record.connection),
    connectionProblem: classConnectionProblem(record) ?? undefined,
    createdAt: record.createdAt,
    endedAt: record.endedAt,
    stuck: record.stuck,
    allowFastForward: record.allowFastForward,
    labIds: record.labIds,
  };
}

/** Every progress record of the class's students, from the class connection's progress store. */
export async function classRecords(record: ClassRecord): Promise<{ records: StepRecord[]; notice?: string; error?: string }> {
  try {
    const store = progressStoreFor(awsClients(record.connection, record.region));
    const students = new Set(rosterUsernames(record.roster));
    const records = (await store.all()).filter((r) => students.has(r.student) && record.labIds.includes(r.labId));
    return { records, notice: store.notice };
  } catch (error) {
    return { records: [], error: translateAwsError(error, { region: record.region, subject: "the progress table" }).message };
  }
}

export async function computeDashboard(record: ClassRecord, now = Date.now()): Promise<DashboardSnapshot> {
  const store = classStore();
  const labs = labColumns(record);
  const { records, notice, error } = await classRecords(record);
  const students = rosterUsernames(record.roster).map((username) => ({
    username,
    joinedAt: record.seats[username]?.joinedAt,
    lastSeenAt: store.seenAt(record.id, username),
  }));
  const rows = buildStudentRows(students, labs, records, record.stuck, now);
  const totalSteps = labs.reduce((sum, lab) => sum + lab.steps.length, 0);
  return {
    class: classSummary(record),
    labs,
    students: rows,
    totals: {
      students: rows.length,
      joined: rows.filter((r) => r.joined).length,
      stuck: rows.filter((r) => r.stuck).length,
      doneSteps: rows.reduce((sum, r) => sum + r.doneSteps, 0),
      totalSteps: totalSteps * rows.length,
    },
    verify: verifyView(record.id),
    progressNotice: notice,
    progressError: error,
  };
}

export function dashboardSnapshot(record: ClassRecord): Promise<DashboardSnapshot> {
  return coalesce(`classroom|dashboard|${record.id}`, SHARE_MS, () => computeDashboard(record));
}

/** After the instructor changed something (a seat released, a verify started): compute afresh. */
export function forgetDashboard(classId: string): void {
  invalidate(`classroom|dashboard|${classId}`);
}
