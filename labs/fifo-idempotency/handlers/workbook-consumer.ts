/**
 * The consumer as the workbook runs it for a student: the same handler, with the clients of the
 * student's connection and the function's environment variables (set by the lab's steps, as
 * `aws lambda update-function-configuration --environment` would set them on Lambda).
 */
import type { HandlerEnvironment } from "@/lib/lab-framework/types";
import type { FifoResources } from "../resources";
import { DEFAULT_METRICS_NAMESPACE, consumerSettings } from "./consumer-settings";
import { createFifoConsumer } from "./fifo-consumer";

/** The variables a student's consumer starts with. */
export function defaultConsumerVariables(names: { processedTable: string }): Record<string, string> {
  return { TABLE_NAME: names.processedTable, METRICS_NAMESPACE: DEFAULT_METRICS_NAMESPACE, CRASH_AFTER_SAVE: "false" };
}

export function workbookConsumer(environment: HandlerEnvironment<FifoResources>) {
  const { aws, names, variables } = environment;
  return createFifoConsumer(() => ({
    dynamodb: aws.dynamodb,
    sqs: aws.sqs,
    cloudwatch: aws.cloudwatch,
    ...consumerSettings({ ...defaultConsumerVariables(names), ...variables }),
  }));
}
