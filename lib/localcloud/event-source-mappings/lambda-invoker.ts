/**
 * How the runtime invokes a mapping's function inside the local cloud: through the Lambda
 * service's Invoke (links.lambda), which runs the code and keeps the function's timeout,
 * concurrency, logs and invocation metrics. Reserved concurrency used up
 * (TooManyRequestsException) is throttling: the runtime backs off and retries, as Lambda does; a
 * function error fails the batch.
 */
import type { FunctionInvoker, InvokerResult } from "../../runtime";
import { AwsError } from "../core/errors";
import type { Links } from "../core/links";

export function lambdaInvoker(links: Links): FunctionInvoker {
  return async ({ functionName, region, event }): Promise<InvokerResult> => {
    const lambda = links.lambda;
    if (!lambda) return { ok: false, error: { errorType: "ResourceNotFoundException", errorMessage: "The local cloud runs no Lambda service." } };
    try {
      const result = await lambda.invoke(region, functionName, event);
      if (!result.functionError) return { ok: true, requestId: result.requestId, payload: result.payload, durationMs: result.durationMs };
      return { ok: false, requestId: result.requestId, error: functionErrorOf(result.payload), durationMs: result.durationMs };
    } catch (error) {
      if (error instanceof AwsError) {
        return { ok: false, error: { errorType: error.code, errorMessage: error.message }, throttled: error.code === "TooManyRequestsException" };
      }
      throw error;
    }
  };
}

function functionErrorOf(payload: string): { errorType: string; errorMessage: string } {
  try {
    const parsed = JSON.parse(payload) as { errorType?: unknown; errorMessage?: unknown };
    return {
      errorType: typeof parsed.errorType === "string" ? parsed.errorType : "Error",
      errorMessage: typeof parsed.errorMessage === "string" ? parsed.errorMessage : payload,
    };
  } catch {
    return { errorType: "Error", errorMessage: payload };
  }
}
