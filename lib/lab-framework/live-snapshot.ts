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
  /** How far the local cloud's clock runs ahead, when the connection has one (no "now": it would change every poll). */
  clock: { offsetSeconds: number } | null;
}
