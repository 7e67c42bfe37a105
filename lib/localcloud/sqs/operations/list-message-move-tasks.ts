import type { ListMessageMoveTasksRequest, ListMessageMoveTasksResult, ListMessageMoveTasksResultEntry } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import { assertIntegerInRange, type SqsContext } from "./context";

export function listMessageMoveTasks(context: SqsContext, input: ListMessageMoveTasksRequest): ListMessageMoveTasksResult {
  if (!input.SourceArn) throw sqsErrors.missingParameter("SourceArn");
  assertIntegerInRange(input.MaxResults, "MaxResults", 1, 10, "You must enter a number that's between 1 and 10.");
  const tasks = context.moveTasks.list(input.SourceArn, input.MaxResults ?? 1);
  return {
    Results: tasks.map((task): ListMessageMoveTasksResultEntry => {
      const entry: ListMessageMoveTasksResultEntry = {
        Status: task.status,
        SourceArn: task.sourceArn,
        ApproximateNumberOfMessagesMoved: task.moved,
        ApproximateNumberOfMessagesToMove: task.toMove,
        StartedTimestamp: task.startedAt,
      };
      if (task.status === "RUNNING") entry.TaskHandle = task.handle;
      if (task.destinationArn) entry.DestinationArn = task.destinationArn;
      if (task.maxPerSecond !== undefined) entry.MaxNumberOfMessagesPerSecond = task.maxPerSecond;
      if (task.failureReason) entry.FailureReason = task.failureReason;
      return entry;
    }),
  };
}
