/**
 * The `context` object a handler receives, with the fields Lambda fills in: names, ARN, memory,
 * request id, log group and stream, and the time left before the timeout.
 */
import { randomBytes } from "node:crypto";
import type { Context } from "aws-lambda";
import type { RuntimeClock } from "../runtime-clock";
import { functionArn } from "../arn";
import type { FunctionConfig } from "./function-config";

/** The legacy done/fail/succeed calls end the invocation the way the callback would. */
export type LegacyCompletion = (error: unknown, result?: unknown) => void;

/** A log stream name as Lambda names them: `2026/01/31/[$LATEST]` and 32 hex digits. */
export function newLogStreamName(now: number): string {
  const date = new Date(now).toISOString().slice(0, 10).replace(/-/g, "/");
  return `${date}/[$LATEST]${randomBytes(16).toString("hex")}`;
}

export function createLambdaContext(options: {
  config: FunctionConfig;
  requestId: string;
  deadline: number;
  clock: RuntimeClock;
  logStreamName: string;
  complete: LegacyCompletion;
}): Context {
  const { config, requestId, deadline, clock, complete } = options;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: config.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: functionArn(config.region, config.accountId, config.functionName),
    memoryLimitInMB: String(config.memorySizeMB),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${config.functionName}`,
    logStreamName: options.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now()),
    done: (error?: Error, result?: unknown) => complete(error ?? null, result),
    fail: (error: Error | string) => complete(error instanceof Error ? error : new Error(error)),
    succeed: (result: unknown) => complete(null, result),
  };
}
