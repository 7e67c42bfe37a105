/**
 * Message move tasks (DLQ redrive): StartMessageMoveTask moves a dead-letter queue's messages back
 * to the queues they came from, or to a chosen queue, at a rate per second of the clock, until the
 * number of messages the DLQ held at the start has moved or it has nothing visible left.
 */
import { randomUUID } from "node:crypto";
import type { TimerHandle } from "../../core/clock";
import { sqsErrors } from "../errors";
import type { StoredMessage } from "./message";
import type { SqsModel } from "./sqs-model";

export type MoveTaskStatus = "RUNNING" | "COMPLETED" | "CANCELLING" | "CANCELLED" | "FAILED";

export interface MoveTask {
  id: string;
  handle: string;
  sourceArn: string;
  destinationArn?: string;
  maxPerSecond?: number;
  status: MoveTaskStatus;
  moved: number;
  toMove: number;
  startedAt: number;
  failureReason?: string;
  timer: TimerHandle | null;
}

/** Messages moved per second of the clock when the caller sets no rate. */
const DEFAULT_RATE = 500;

export class MoveTasks {
  private tasks: MoveTask[] = [];

  constructor(private readonly model: SqsModel) {}

  start(sourceArn: string, destinationArn: string | undefined, maxPerSecond: number | undefined): MoveTask {
    const source = this.model.byArn(sourceArn);
    if (!source) throw sqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
    if (this.model.deadLetterSourcesOf(source).length === 0) {
      throw sqsErrors.invalidParameterValue("Source queue must be configured as a Dead Letter Queue.");
    }
    if (destinationArn !== undefined && !this.model.byArn(destinationArn)) {
      throw sqsErrors.resourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.");
    }
    if (maxPerSecond !== undefined && (!Number.isInteger(maxPerSecond) || maxPerSecond < 1 || maxPerSecond > 500)) {
      throw sqsErrors.invalidValue(maxPerSecond, "MaxNumberOfMessagesPerSecond", "Must be an integer between 1 and 500.");
    }
    if (this.tasks.some((t) => t.sourceArn === sourceArn && (t.status === "RUNNING" || t.status === "CANCELLING"))) {
      throw sqsErrors.invalidParameterValue(
        "There is already a task running. Only one active task is allowed for a source queue arn at a given time.",
      );
    }
    const id = randomUUID();
    const task: MoveTask = {
      id,
      handle: Buffer.from(JSON.stringify({ taskId: id, sourceArn })).toString("base64"),
      sourceArn,
      destinationArn,
      maxPerSecond,
      status: "RUNNING",
      moved: 0,
      toMove: source.visibleCount,
      startedAt: this.model.clock.now(),
      timer: null,
    };
    this.tasks.push(task);
    this.scheduleTick(task);
    return task;
  }

  /** The most recent tasks of a source queue first. */
  list(sourceArn: string, maxResults: number): MoveTask[] {
    if (!this.model.byArn(sourceArn)) {
      throw sqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
    }
    return this.tasks
      .filter((t) => t.sourceArn === sourceArn)
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(0, maxResults);
  }

  cancel(handle: string): MoveTask {
    let taskId: unknown;
    try {
      taskId = (JSON.parse(Buffer.from(handle, "base64").toString("utf8")) as { taskId?: unknown }).taskId;
    } catch {
      throw sqsErrors.invalidParameterValue("Value for parameter TaskHandle is invalid.");
    }
    const task = this.tasks.find((t) => t.id === taskId);
    if (!task || task.status !== "RUNNING") throw sqsErrors.resourceNotFound("Task does not exist.");
    task.timer?.cancel();
    task.timer = null;
    task.status = "CANCELLED";
    return task;
  }

  /** Stops every running task's timer (shutdown). */
  close(): void {
    for (const task of this.tasks) task.timer?.cancel();
  }

  private scheduleTick(task: MoveTask): void {
    task.timer = this.model.clock.after(1000, () => {
      task.timer = null;
      this.tick(task);
    });
  }

  private tick(task: MoveTask): void {
    if (task.status !== "RUNNING") return;
    const source = this.model.byArn(task.sourceArn);
    if (!source) return this.fail(task, "AWS.SimpleQueueService.NonExistentQueue");
    const room = Math.min(task.maxPerSecond ?? DEFAULT_RATE, task.toMove - task.moved);
    const batch = room > 0 ? source.takeForMove(room) : [];
    for (const message of batch) {
      const destination = this.destinationFor(task, message);
      if (!destination) {
        source.acceptMoved(message);
        return this.fail(task, "AWS.SimpleQueueService.NonExistentQueue");
      }
      destination.acceptMoved(message);
      task.moved += 1;
    }
    if (task.moved >= task.toMove || (batch.length === 0 && source.visibleCount === 0)) {
      task.status = "COMPLETED";
      return;
    }
    this.scheduleTick(task);
  }

  private destinationFor(task: MoveTask, message: StoredMessage) {
    if (task.destinationArn) return this.model.byArn(task.destinationArn);
    return message.deadLetterSourceArn ? this.model.byArn(message.deadLetterSourceArn) : undefined;
  }

  private fail(task: MoveTask, reason: string): void {
    task.status = "FAILED";
    task.failureReason = reason;
  }
}
