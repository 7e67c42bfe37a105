/**
 * Debian's AWS CLI against a test cloud, with test credentials and no config files, for the tests
 * that show a client other than the JavaScript SDK works. Where it is missing, those tests skip and
 * say so with `awsCliSkipReason`.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";

const AWS_CLI = "/usr/bin/aws";

export const awsCliAvailable = fs.existsSync(AWS_CLI);
export const awsCliSkipReason = awsCliAvailable ? "" : ` (skipped: ${AWS_CLI} not installed)`;

const run = promisify(execFile);

/** Runs `aws <args>` against `endpoint` in us-east-1 and returns its JSON output ({} when it prints none). */
export async function runAwsCli(endpoint: string, args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(AWS_CLI, ["--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json", ...args], {
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_CONFIG_FILE: "/nonexistent",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
    },
  });
  return stdout.trim() === "" ? {} : (JSON.parse(stdout) as Record<string, unknown>);
}
