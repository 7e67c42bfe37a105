/** Progress in this server's memory: for endpoints without DynamoDB, and for tests. */
import { applyCheck, type CheckOutcome, type ProgressStore, type StepRecord } from "./types";

export class MemoryProgressStore implements ProgressStore {
  readonly kind = "memory" as const;
  private readonly records = new Map<string, StepRecord>();

  constructor(readonly notice?: string) {}

  private key(student: string, labId: string, stepId: string): string {
    return `${student}\u0000${labId}\u0000${stepId}`;
  }

  async recordCheck(outcome: CheckOutcome): Promise<StepRecord> {
    const key = this.key(outcome.student, outcome.labId, outcome.stepId);
    const next = applyCheck(this.records.get(key), outcome);
    this.records.set(key, next);
    return { ...next };
  }

  async forStudent(student: string, labId?: string): Promise<StepRecord[]> {
    return [...this.records.values()].filter((r) => r.student === student && (!labId || r.labId === labId)).map((r) => ({ ...r }));
  }

  async all(labId?: string): Promise<StepRecord[]> {
    return [...this.records.values()].filter((r) => !labId || r.labId === labId).map((r) => ({ ...r }));
  }

  async resetLab(student: string, labId: string): Promise<void> {
    for (const [key, record] of this.records) if (record.student === student && record.labId === labId) this.records.delete(key);
  }
}
