/**
 * One pipe's definition and lifecycle. The current state follows AWS's transitions on the virtual
 * clock: CREATING / STARTING / UPDATING → RUNNING or STOPPED, STOPPING → STOPPED, DELETING → gone.
 */
import type { DynamoStreamPosition } from "../core/links";

export type DesiredState = "RUNNING" | "STOPPED" | "DELETED";
export type CurrentState =
  | "RUNNING"
  | "STOPPED"
  | "CREATING"
  | "UPDATING"
  | "DELETING"
  | "STARTING"
  | "STOPPING"
  | "CREATE_FAILED"
  | "UPDATE_FAILED"
  | "START_FAILED"
  | "STOP_FAILED";

/** How long a state change takes on the clock. */
export const TRANSITION_MS = 3_000;

export type JsonObject = Record<string, unknown>;

export interface PipeCounters {
  /** Events read from the source. */
  received: number;
  /** Events the filter dropped (SQS messages: deleted from the source). */
  filteredOut: number;
  /** Events delivered to the target. */
  delivered: number;
  /** Deliveries that failed (the event is retried or left in the source). */
  failed: number;
}

export interface StreamCheckpoint {
  position: DynamoStreamPosition;
  done: boolean;
  attempts: number;
  waitingSince?: number;
}

export interface PipeRecord {
  name: string;
  arn: string;
  region: string;
  description?: string;
  desiredState: DesiredState;
  currentState: CurrentState;
  stateReason?: string;
  /** A state change in progress: the state the pipe reaches at `at`. */
  transition?: { to: CurrentState; at: number };
  source: string;
  sourceParameters: JsonObject;
  target: string;
  targetParameters: JsonObject;
  roleArn: string;
  tags: Record<string, string>;
  logConfiguration?: JsonObject;
  kmsKeyIdentifier?: string;
  createdAt: number;
  lastModifiedAt: number;
  counters: PipeCounters;
  lastError?: string;
  /** DynamoDB stream sources: where each shard's reading stands. */
  checkpoints: Record<string, StreamCheckpoint>;
  /** DynamoDB stream sources: the stream the checkpoints belong to, once reading began. */
  checkpointStream?: string;
}

/** Applies a finished transition; returns true when the state changed. */
export function settle(pipe: PipeRecord, now: number): boolean {
  if (pipe.transition && now >= pipe.transition.at) {
    pipe.currentState = pipe.transition.to;
    pipe.transition = undefined;
    return true;
  }
  return false;
}

export function begin(pipe: PipeRecord, state: CurrentState, now: number): void {
  const to: CurrentState = state === "DELETING" ? "DELETING" : pipe.desiredState === "RUNNING" ? "RUNNING" : "STOPPED";
  pipe.currentState = state;
  pipe.transition = { to, at: now + TRANSITION_MS };
}

export function isTransitioning(pipe: PipeRecord): boolean {
  return pipe.transition !== undefined || pipe.currentState === "DELETING";
}
