import type { StepRecord } from "@/lib/progress/types";
import type { JsonValue, LiveResource } from "./types";

/** What GET /api/labs/<labId>/live answers: the lab's resources, its own live state, and progress. */
export interface LabLiveSnapshot {
  resources: LiveResource[];
  /** The lab's own live state (LabDefinition.live), for its panels. */
  lab: Record<string, JsonValue>;
  progress: StepRecord[];
  progressNotice?: string;
  progressError?: string;
  /** The local cloud's clock, when the connection has one. */
  clock: { now: string; offsetSeconds: number } | null;
}
