/**
 * Progress is checks: a step is done when its check passes against the live account, and the
 * store records when. One record per student, lab and step.
 */
export interface StepRecord {
  student: string;
  labId: string;
  stepId: string;
  /** The latest check's outcome. */
  status: "passed" | "failed";
  /** When the check first passed (ISO 8601); absent until it has. */
  completedAt?: string;
  /** When the student first ran this step's check or an action (ISO 8601). */
  firstSeenAt: string;
  lastCheckedAt: string;
  /** The latest check's reason, for "stuck" students on the instructor's dashboard. */
  lastReason: string;
  /** Failed checks so far. */
  failures: number;
}

export interface CheckOutcome {
  student: string;
  labId: string;
  stepId: string;
  passed: boolean;
  reason: string;
  at: Date;
}

export interface ProgressStore {
  /** Where records are kept: the connected account's DynamoDB table, or this server's memory. */
  readonly kind: "dynamodb" | "memory";
  /** When progress is not where it should be, why (shown on the catalogue). */
  readonly notice?: string;
  recordCheck(outcome: CheckOutcome): Promise<StepRecord>;
  /** One student's records, for one lab or all. */
  forStudent(student: string, labId?: string): Promise<StepRecord[]>;
  /** Every student's records (the instructor's dashboard), for one lab or all. */
  all(labId?: string): Promise<StepRecord[]>;
  /** Forgets a student's progress in one lab ("start over"). */
  resetLab(student: string, labId: string): Promise<void>;
}

export function isDone(record: StepRecord | undefined): boolean {
  return Boolean(record?.completedAt);
}

/** The record after one more check, whatever the store: pure, so both stores agree. */
export function applyCheck(previous: StepRecord | undefined, outcome: CheckOutcome): StepRecord {
  const at = outcome.at.toISOString();
  return {
    student: outcome.student,
    labId: outcome.labId,
    stepId: outcome.stepId,
    status: outcome.passed ? "passed" : "failed",
    completedAt: previous?.completedAt ?? (outcome.passed ? at : undefined),
    firstSeenAt: previous?.firstSeenAt ?? at,
    lastCheckedAt: at,
    lastReason: outcome.reason,
    failures: (previous?.failures ?? 0) + (outcome.passed ? 0 : 1),
  };
}
