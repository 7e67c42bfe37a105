/**
 * Runs a step's check against the live account and records the outcome in the progress store. A
 * check that throws counts as failed, with the error translated into its reason.
 */
import { translateAwsError } from "@/lib/aws/errors";
import type { AnyLab, CheckResult, LabContext, LabStep } from "@/lib/lab-framework/types";
import { progressStoreFor } from "./progress-store";
import type { StepRecord } from "./types";

export interface CheckRun {
  result: CheckResult;
  record: StepRecord | null;
  /** Set when the outcome could not be recorded (the check itself still ran). */
  recordError?: string;
}

export async function runCheck(lab: AnyLab, step: LabStep, context: LabContext): Promise<CheckRun> {
  let result: CheckResult;
  try {
    result = await step.check(context);
  } catch (error) {
    const friendly = translateAwsError(error, { region: context.region });
    result = { passed: false, reason: `${friendly.message} ${friendly.action}` };
  }
  try {
    const record = await progressStoreFor(context.aws).recordCheck({
      student: context.prefix,
      labId: lab.id,
      stepId: step.id,
      passed: result.passed,
      reason: result.reason,
      at: new Date(),
    });
    return { result, record };
  } catch (error) {
    return { result, record: null, recordError: translateAwsError(error).message };
  }
}
