/**
 * What a running mapping needs of its function: its settings, a way to invoke it with a batch,
 * and somewhere to report the age of the records it was sent. Two kinds exist: a handler the
 * runtime calls in its own process (LambdaFunction, the workbook's labs) and a function that
 * something else runs, reached through a callback (InvokedFunction, the local cloud's Lambda).
 */
import type { FunctionConfig } from "./function-config";
import type { InvocationResult, InvokeOptions } from "./lambda-function";

export interface MappingFunction {
  readonly config: FunctionConfig;
  readonly name: string;
  invoke(event: unknown, options: InvokeOptions): Promise<InvocationResult>;
  /** Stream mappings report the age of the last record of each batch they send (IteratorAge). */
  recordIteratorAge(ageMs: number): void;
}
