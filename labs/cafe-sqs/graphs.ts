/**
 * The CloudWatch graphs of the metrics step: the four queue metrics the write-up watches, and the worker's
 * invocations and errors (published by the workbook's runtime under MessagingLabs/Functions).
 */
import { FUNCTION_METRICS_NAMESPACE } from "@/lib/runtime/metrics/function-metrics";
import type { GraphSpec } from "@/lib/lab-framework/types";
import type { CafeResources } from "./resources";

const queue = (c: { names: { ordersQueue: string } }) => [{ Name: "QueueName", Value: c.names.ordersQueue }];
const worker = (c: { names: { orderWorker: string } }) => [{ Name: "FunctionName", Value: c.names.orderWorker }];

export const graphs: Record<string, GraphSpec<CafeResources>> = {
  "queue-traffic": {
    title: "Orders through the queue",
    healthy: "received and deleted follow sent, minute by minute.",
    unit: "messages per minute",
    metrics: [
      { id: "sent", label: "NumberOfMessagesSent", namespace: "AWS/SQS", metricName: "NumberOfMessagesSent", stat: "Sum", dimensions: queue },
      { id: "received", label: "NumberOfMessagesReceived", namespace: "AWS/SQS", metricName: "NumberOfMessagesReceived", stat: "Sum", dimensions: queue },
      { id: "deleted", label: "NumberOfMessagesDeleted", namespace: "AWS/SQS", metricName: "NumberOfMessagesDeleted", stat: "Sum", dimensions: queue },
    ],
  },
  "queue-backlog": {
    title: "Orders waiting",
    healthy: "visible stays near 0: the worker keeps up.",
    unit: "messages",
    metrics: [
      { id: "visible", label: "ApproximateNumberOfMessagesVisible", namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", stat: "Maximum", dimensions: queue },
      { id: "inflight", label: "ApproximateNumberOfMessagesNotVisible", namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesNotVisible", stat: "Maximum", dimensions: queue },
    ],
  },
  "worker-health": {
    title: "The worker",
    healthy: "invocations rise with orders; errors stay at 0.",
    unit: "per minute",
    metrics: [
      { id: "invocations", label: "Invocations", namespace: FUNCTION_METRICS_NAMESPACE, metricName: "Invocations", stat: "Sum", dimensions: worker },
      { id: "errors", label: "Errors", namespace: FUNCTION_METRICS_NAMESPACE, metricName: "Errors", stat: "Sum", dimensions: worker },
    ],
  },
};
