/**
 * Test helpers for the execution pool: a zip from a map of file texts, an invocation of it with
 * Lambda-like defaults, and a pool per test file in a fresh temporary work folder.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll } from "vitest";
import { createExecutionPool } from "./pool";
import type { ExecutionPool, ExecutionPoolOptions, InvocationInput, InvocationOutcome } from "./types";

export const NODE_MODULES = resolve(__dirname, "../../../../node_modules");

/** A zip of the files; the same files always give the same bytes (and CodeSha256). */
export function zipOf(files: Record<string, string>): Buffer {
  const entries = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]));
  return Buffer.from(zipSync(entries, { mtime: new Date("2026-01-01T00:00:00Z") }));
}

let counter = 0;

/** An invocation of a function made of `files`; each call names a new function unless `functionKey` is given. */
export function invocation(files: Record<string, string>, overrides: Partial<InvocationInput> = {}): InvocationInput {
  counter += 1;
  const zip = zipOf(files);
  const name = overrides.functionKey ?? `fn-${process.pid}-${counter}`;
  return {
    functionKey: name,
    codeSha256: createHash("sha256").update(zip).digest("base64"),
    zip: () => zip,
    handler: "index.handler",
    runtime: "nodejs20.x",
    environment: { AWS_REGION: "us-east-1", AWS_LAMBDA_FUNCTION_NAME: name },
    timeoutSeconds: 3,
    memorySizeMB: 128,
    event: "{}",
    ...overrides,
    context: {
      requestId: randomUUID(),
      functionName: name,
      functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      functionVersion: "$LATEST",
      logGroupName: `/aws/lambda/${name}`,
      ...overrides.context,
    },
  };
}

/** The same function invoked again, with a new request id (and any overrides). */
export function again(input: InvocationInput, overrides: Partial<InvocationInput> = {}): InvocationInput {
  return { ...input, ...overrides, context: { ...input.context, requestId: randomUUID(), ...overrides.context } };
}

/** A pool for the tests of a file (or describe block), closed and its folder removed after. */
export function poolForTests(options: Partial<ExecutionPoolOptions> = {}): { pool: ExecutionPool; workDir: string } {
  const bed = {} as { pool: ExecutionPool; workDir: string };
  beforeAll(() => {
    bed.workDir = mkdtempSync(join(tmpdir(), "lambda-execution-"));
    bed.pool = createExecutionPool({ nodeModulesDir: NODE_MODULES, workDir: bed.workDir, ...options });
  });
  afterAll(async () => {
    await bed.pool?.close();
    if (bed.workDir) rmSync(bed.workDir, { recursive: true, force: true });
  });
  return bed;
}

/** The messages of an invocation's log lines. */
export function messages(lines: Array<{ message: string }>): string[] {
  return lines.map((line) => line.message);
}

/** A failed outcome (fails the test otherwise). */
export function failure(outcome: InvocationOutcome): Extract<InvocationOutcome, { ok: false }> {
  if (outcome.ok) throw new Error(`expected a failure, got the payload ${outcome.payload}`);
  return outcome;
}
