/**
 * What the instructor's dashboard receives (plain JSON, browser-safe types only). Times are ISO
 * strings; the browser turns them into "3 min ago" itself, so an unchanged class answers the
 * same snapshot (and a 304) however often it is polled.
 */
import type { StuckRule } from "./class-record";
import type { ConnectionView } from "./class-connection";

export interface ClassSummaryView {
  id: string;
  name: string;
  joinCode: string;
  roster: string;
  rosterSize: number;
  region: string;
  connection: ConnectionView;
  /** Why the class's connection cannot be used right now (keys forgotten by a restart). */
  connectionProblem?: string;
  createdAt: string;
  endedAt?: string;
  stuck: StuckRule;
  allowFastForward: boolean;
  labIds: string[];
}

export interface LabColumn {
  id: string;
  title: string;
  steps: Array<{ id: string; title: string }>;
}

export interface LabCell {
  done: number;
  total: number;
  /** The first step not done yet, once the student has started the lab. */
  current?: { id: string; title: string };
  lastActivityAt?: string;
}

export type StuckInfo =
  | { kind: "idle"; since: string; minutes: number }
  | { kind: "failing"; labId: string; stepId: string; stepTitle: string; failures: number; reason: string; lastCheckedAt: string };

export interface StudentRow {
  username: string;
  joined: boolean;
  joinedAt?: string;
  /** The student's latest request to the workbook (rounded to 30 s; memory only, so empty after a restart). */
  lastSeenAt?: string;
  labs: Record<string, LabCell>;
  /** Where the student is now: the lab they touched last and its first step not done. */
  current?: { labId: string; stepId: string; stepTitle: string };
  lastActivityAt?: string;
  lastCompletedAt?: string;
  doneSteps: number;
  stuck: StuckInfo | null;
}

export interface VerifyStepResult {
  passed: boolean;
  reason: string;
  /** Not run: the check acts on the account (it sends test orders), and Verify now only reads. */
  skipped?: true;
}

export interface VerifyStudentResult {
  steps: Record<string, VerifyStepResult>;
  passing: number;
  /** Steps whose check passes now but were never recorded done (made by hand, or done elsewhere). */
  passesUnrecorded: string[];
  /** Steps recorded done whose check fails now (deleted or changed since). */
  recordedButFailing: string[];
  error?: string;
}

export interface VerifyView {
  id: string;
  labId: string;
  labTitle: string;
  startedAt: string;
  finishedAt?: string;
  state: "running" | "finished" | "stopped";
  total: number;
  done: number;
  concurrency: number;
  /** Steps whose check passes even for a prefix with nothing (connection, clean-up): not evidence of work. */
  passesForAnyone: string[];
  results: Record<string, VerifyStudentResult>;
}

export interface DashboardSnapshot {
  class: ClassSummaryView;
  labs: LabColumn[];
  students: StudentRow[];
  totals: { students: number; joined: number; stuck: number; doneSteps: number; totalSteps: number };
  verify: VerifyView | null;
  progressNotice?: string;
  progressError?: string;
}
