/**
 * One Lambda function as the local cloud keeps it ($LATEST only: no versions or aliases), and its
 * FunctionConfiguration in the SDK's output shape.
 */
import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import type { Wire } from "../kinesis/wire";
import type { PolicyStatement } from "./policy";

export type FunctionState = "Pending" | "Active";
export type UpdateStatus = "InProgress" | "Successful";

export interface FunctionRecord {
  region: string;
  name: string;
  arn: string;
  runtime: string;
  role: string;
  handler: string;
  description: string;
  timeoutSeconds: number;
  memorySizeMB: number;
  architectures: string[];
  environment: Record<string, string>;
  /** Base64 sha256 of the zip; the bytes are in the code store under it. */
  codeSha256: string;
  codeSize: number;
  /** Epoch ms of the last change to code or configuration. */
  lastModified: number;
  revisionId: string;
  state: FunctionState;
  /** Epoch ms when a Pending function becomes Active. */
  activeAt: number;
  lastUpdateStatus?: UpdateStatus;
  /** Epoch ms when an update in progress completes. */
  updatedAt?: number;
  tags: Record<string, string>;
  reservedConcurrency?: number;
  policy: PolicyStatement[];
  /** Bumped on every code or configuration change: execution environments of an older generation are retired. */
  generation: number;
}

export const LATEST = "$LATEST";

/** `2026-12-08T01:02:03.456+0000`, Lambda's LastModified format. */
export function lastModifiedText(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}

export function logGroupOf(name: string): string {
  return `/aws/lambda/${name}`;
}

export function configurationOf(fn: FunctionRecord): Wire<FunctionConfiguration> {
  const pending = fn.state === "Pending";
  const updating = fn.lastUpdateStatus === "InProgress";
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime as FunctionConfiguration["Runtime"],
    Role: fn.role,
    Handler: fn.handler,
    CodeSize: fn.codeSize,
    Description: fn.description,
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memorySizeMB,
    LastModified: lastModifiedText(fn.lastModified),
    CodeSha256: fn.codeSha256,
    Version: LATEST,
    Environment: Object.keys(fn.environment).length > 0 ? { Variables: fn.environment } : undefined,
    TracingConfig: { Mode: "PassThrough" },
    RevisionId: fn.revisionId,
    State: fn.state,
    StateReason: pending ? "The function is being created." : undefined,
    StateReasonCode: pending ? "Creating" : undefined,
    LastUpdateStatus: fn.lastUpdateStatus,
    LastUpdateStatusReason: updating ? "The function is being created." : undefined,
    // AWS reports an update in progress with the creation reason and code (not in the SDK's enum).
    LastUpdateStatusReasonCode: updating ? ("Creating" as FunctionConfiguration["LastUpdateStatusReasonCode"]) : undefined,
    PackageType: "Zip",
    Architectures: fn.architectures as FunctionConfiguration["Architectures"],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    LoggingConfig: { LogFormat: "Text", LogGroup: logGroupOf(fn.name) },
  };
}
