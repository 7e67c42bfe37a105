import type { StartMessageMoveTaskRequest, StartMessageMoveTaskResult } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import type { SqsContext } from "./context";

export function startMessageMoveTask(context: SqsContext, input: StartMessageMoveTaskRequest): StartMessageMoveTaskResult {
  if (!input.SourceArn) throw sqsErrors.missingParameter("SourceArn");
  const task = context.moveTasks.start(input.SourceArn, input.DestinationArn || undefined, input.MaxNumberOfMessagesPerSecond);
  return { TaskHandle: task.handle };
}
