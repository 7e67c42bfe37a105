/** What the runtime knows about a function: the settings Lambda keeps on the function itself. */
export interface FunctionConfig {
  functionName: string;
  region: string;
  accountId: string;
  /** Lambda's default is 3 seconds; at most 900. */
  timeoutSeconds: number;
  /** Reported to the handler as `context.memoryLimitInMB`; Lambda's default is 128. */
  memorySizeMB: number;
  /** Reserved concurrency: invocations beyond it are throttled. Unset: no limit of its own. */
  reservedConcurrency?: number;
  /** The execution role, reported as a Kinesis record's `invokeIdentityArn`. */
  roleArn?: string;
}

export const DEFAULT_TIMEOUT_SECONDS = 3;
export const DEFAULT_MEMORY_MB = 128;

export function executionRoleArn(config: FunctionConfig): string {
  return config.roleArn ?? `arn:aws:iam::${config.accountId}:role/${config.functionName}-role`;
}
