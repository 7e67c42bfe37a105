/**
 * The lab's four functions as the steps use them: their environment variables (what Lambda keeps
 * in a function's configuration) and calls to the producers through API Gateway proxy events.
 */
import { PlainFailure } from "@/lib/aws/errors";
import type { MappingView } from "@/lib/runtime";
import type { KinesisLabContext } from "./resources";
import { LOCAL_TIME_SCALE } from "./settings";
import { queueUrlOf } from "./provision";

type FunctionKey = "sqsProducer" | "queueProcessor" | "kinesisProducer" | "streamProcessor";

/** Sets the function's variables when they differ; answers what they are now. */
async function ensureVariables(context: KinesisLabContext, fn: FunctionKey, wanted: Record<string, string | undefined>): Promise<Record<string, string>> {
  const current = await context.runtime.environment(fn);
  const next = { ...current };
  for (const [name, value] of Object.entries(wanted)) {
    if (value === undefined) delete next[name];
    else next[name] = value;
  }
  if (JSON.stringify(next) !== JSON.stringify(current)) await context.runtime.setEnvironment(fn, next);
  return next;
}

export async function configureSqsProducer(context: KinesisLabContext): Promise<Record<string, string>> {
  const url = await queueUrlOf(context, context.names.orderQueue);
  if (!url) throw new PlainFailure("QueueMissing", `${context.names.orderQueue} does not exist yet.`, "Run step 2 (the queues) first.", "not-found");
  return ensureVariables(context, "sqsProducer", { QUEUE_URL: url });
}

export async function configureKinesisProducer(context: KinesisLabContext): Promise<Record<string, string>> {
  return ensureVariables(context, "kinesisProducer", { STREAM_NAME: context.names.analyticsStream });
}

/** On a cloud whose clock can be moved (the local cloud) the processor works ten times faster. */
export async function configureQueueProcessor(context: KinesisLabContext): Promise<Record<string, string>> {
  return ensureVariables(context, "queueProcessor", { PROCESSING_TIME_SCALE: context.connection.capabilities.clock ? String(LOCAL_TIME_SCALE) : undefined });
}

/** Calls a producer with a JSON body as API Gateway would; answers its status and parsed body. */
export async function callProducer<T>(context: KinesisLabContext, fn: "sqsProducer" | "kinesisProducer", path: string, body: Record<string, unknown>): Promise<{ statusCode: number; body: T & { error?: string } }> {
  const result = await context.runtime.invokeApi(fn, { method: "POST", path, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!result.response) {
    throw new PlainFailure("FunctionError", `${context.names[fn]} failed: ${result.error ?? "no response"}.`, "Read the function's log below, correct the cause and try again.", "service-error");
  }
  let parsed: T & { error?: string };
  try {
    parsed = JSON.parse(result.response.body) as T & { error?: string };
  } catch {
    throw new PlainFailure("FunctionError", `${context.names[fn]} answered ${result.response.statusCode} with a body that is not JSON.`, "Read the function's log below.", "service-error");
  }
  return { statusCode: result.response.statusCode, body: parsed };
}

/** A producer's error answer as a plain failure the page shows. */
export function producerFailure(context: KinesisLabContext, fn: "sqsProducer" | "kinesisProducer", statusCode: number, error: string | undefined): PlainFailure {
  return new PlainFailure(
    statusCode === 400 ? "BadRequest" : "ProducerFailed",
    `${context.names[fn]} answered ${statusCode}: ${error ?? "no reason given"}`,
    statusCode === 400 ? "Correct the value and send again." : "Check that the earlier steps' resources exist, then send again.",
    statusCode === 400 ? "invalid-request" : "service-error",
  );
}

/** What a trigger's settings are, in the words the page shows. */
export function describeMapping(view: MappingView | undefined): string {
  if (!view) return "no trigger yet";
  const c = view.config;
  const parts = [`batch ${c.batchSize}`, `window ${c.maximumBatchingWindowInSeconds} s`];
  if (c.kind === "sqs") parts.push(`concurrency ${c.maximumConcurrency ?? "unset"}`);
  if (c.kind !== "sqs") parts.push(c.startingPosition, `${c.maximumRetryAttempts} retries`, c.bisectBatchOnFunctionError ? "split on error" : "no split");
  if (c.functionResponseTypes.length) parts.push("reports batch item failures");
  return `${view.state.toLowerCase()}: ${parts.join(" · ")}`;
}
