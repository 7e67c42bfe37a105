/**
 * The CloudWatch graphs of the metrics step, defined on the server: the browser asks for a graph
 * by its id only.
 */
import type { GraphSpec } from "@/lib/lab-framework/types";
import { FUNCTION_METRICS_NAMESPACE } from "@/lib/runtime/metrics/function-metrics";
import type { StreamsResources } from "./resources";

export const graphs: Record<string, GraphSpec<StreamsResources>> = {
  "dlq-depth": {
    title: "Orders waiting in the DLQ",
    healthy: "Flat at zero. Anything above it is an order that failed three times and needs a person (and fires the alarm).",
    unit: "messages",
    metrics: [
      { id: "dlq", label: "DLQ visible (max)", namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", stat: "Maximum", dimensions: (c) => [{ Name: "QueueName", Value: c.names.processingDlq }] },
    ],
  },
  "processing-queue": {
    title: "Processing queue traffic",
    healthy: "Received and deleted follow sent closely; received above deleted means retries.",
    unit: "messages per minute",
    metrics: [
      { id: "sent", label: "Sent", namespace: "AWS/SQS", metricName: "NumberOfMessagesSent", stat: "Sum", dimensions: (c) => [{ Name: "QueueName", Value: c.names.processingQueue }] },
      { id: "received", label: "Received", namespace: "AWS/SQS", metricName: "NumberOfMessagesReceived", stat: "Sum", dimensions: (c) => [{ Name: "QueueName", Value: c.names.processingQueue }] },
      { id: "deleted", label: "Deleted", namespace: "AWS/SQS", metricName: "NumberOfMessagesDeleted", stat: "Sum", dimensions: (c) => [{ Name: "QueueName", Value: c.names.processingQueue }] },
    ],
  },
  "worker-errors": {
    title: "Order worker: invocations and errors",
    healthy: "Errors only for FAIL orders: three per order, one per receive.",
    unit: "per minute",
    metrics: [
      { id: "invocations", label: "Invocations", namespace: FUNCTION_METRICS_NAMESPACE, metricName: "Invocations", stat: "Sum", dimensions: (c) => [{ Name: "FunctionName", Value: c.names.orderWorker }] },
      { id: "errors", label: "Errors", namespace: FUNCTION_METRICS_NAMESPACE, metricName: "Errors", stat: "Sum", dimensions: (c) => [{ Name: "FunctionName", Value: c.names.orderWorker }] },
    ],
  },
  "pipe-traffic": {
    title: "The pipes: events routed",
    healthy: "The stream pipe's events track the high-value orders; the queue pipe's line stops once it is deleted.",
    unit: "per minute",
    metrics: [
      { id: "queuepipe", label: "Queue pipe events", namespace: "AWS/EventBridge/Pipes", metricName: "EventCount", stat: "Sum", dimensions: (c) => [{ Name: "PipeName", Value: c.names.highValuePipe }] },
      { id: "streampipe", label: "Stream pipe events", namespace: "AWS/EventBridge/Pipes", metricName: "EventCount", stat: "Sum", dimensions: (c) => [{ Name: "PipeName", Value: c.names.streamPipe }] },
      { id: "failed", label: "Delivery failures", namespace: "AWS/EventBridge/Pipes", metricName: "TargetStageFailed", stat: "Sum", dimensions: (c) => [{ Name: "PipeName", Value: c.names.streamPipe }] },
    ],
  },
};
