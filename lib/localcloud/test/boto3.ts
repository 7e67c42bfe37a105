/**
 * boto3 from Debian's Python against a test cloud, with no config files, for the tests that show a
 * client other than the JavaScript SDK works. Where it is missing, those tests skip and say so with
 * `boto3SkipReason`.
 */
import { execFile, execFileSync } from "node:child_process";

const PYTHON = "/usr/bin/python3";

export const boto3Available = (() => {
  try {
    execFileSync(PYTHON, ["-c", "import boto3"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
export const boto3SkipReason = boto3Available ? "" : ` (skipped: boto3 not installed for ${PYTHON})`;

/** Runs a Python script that uses boto3, with `env` added to its environment, and returns what it prints. */
export function runBoto3Script(script: string, env: Record<string, string>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = execFile(
      PYTHON,
      ["-"],
      { env: { ...process.env, ...env, AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" } },
      (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
    );
    child.stdin?.end(script);
  });
}
