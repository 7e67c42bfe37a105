/**
 * What every SQS operation gets: the model, the request's region and host (queue URLs are built
 * from the host the client called, so a cloud restarted on another port still hands out working
 * URLs), and the client's abort signal for long polls.
 */
import type { MessageAttribute } from "../../core/links";
import { sqsErrors } from "../errors";
import type { LongPolls } from "../long-polls";
import type { MoveTasks } from "../model/move-tasks";
import type { Queue } from "../model/queue";
import type { SqsModel } from "../model/sqs-model";

export interface SqsContext {
  model: SqsModel;
  moveTasks: MoveTasks;
  longPolls: LongPolls;
  region: string;
  host: string;
  accountId: string;
  signal?: AbortSignal;
}

export function queueUrl(context: Pick<SqsContext, "host">, queue: Queue): string {
  return `http://${context.host}/${queue.accountId}/${queue.name}`;
}

/** Message attributes as they travel on the wire: binary values base64-encoded. */
export type WireMessageAttributes = Record<string, MessageAttribute>;

export type Operation<I, O> = (context: SqsContext, input: I) => O | Promise<O>;

/** Throws AWS's "Value x for parameter Name is invalid. Reason: ..." unless min ≤ value ≤ max. */
export function assertIntegerInRange(value: number | undefined, name: string, min: number, max: number, reason: string): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) throw sqsErrors.invalidValue(value, name, reason);
}
