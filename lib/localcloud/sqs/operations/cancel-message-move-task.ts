import type { CancelMessageMoveTaskRequest, CancelMessageMoveTaskResult } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import type { SqsContext } from "./context";

export function cancelMessageMoveTask(context: SqsContext, input: CancelMessageMoveTaskRequest): CancelMessageMoveTaskResult {
  if (!input.TaskHandle) throw sqsErrors.missingParameter("TaskHandle");
  const task = context.moveTasks.cancel(input.TaskHandle);
  return { ApproximateNumberOfMessagesMoved: task.moved };
}
