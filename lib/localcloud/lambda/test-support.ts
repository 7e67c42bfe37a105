/**
 * Test helpers for the Lambda service: zips built from file texts (fflate), a role Lambda may
 * assume, and a function created and made Active (the clock moved past Pending).
 */
import { CreateRoleCommand, type IAMClient } from "@aws-sdk/client-iam";
import { CreateFunctionCommand, type CreateFunctionCommandInput, type LambdaClient } from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import type { LocalCloud } from "../index";
import { uniqueName } from "../test/harness";
import { TRANSITION_MS } from "./model";

export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

/** A zip whose `index.js` exports `handler` with this body (`async (event, context) => { <body> }`). */
export function handlerZip(body: string): Uint8Array {
  return zipOf({ "index.js": `exports.handler = async (event, context) => {\n${body}\n};\n` });
}

export const LAMBDA_TRUST_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/** Creates a role that trusts lambda.amazonaws.com and returns its ARN. */
export async function lambdaRole(iam: IAMClient, trustPolicy = LAMBDA_TRUST_POLICY): Promise<string> {
  const { Role } = await iam.send(new CreateRoleCommand({ RoleName: uniqueName("fn-role"), AssumeRolePolicyDocument: trustPolicy }));
  return Role?.Arn as string;
}

/** Creates a Node.js function from `zip` and moves the clock past Pending, so it can be invoked at once. */
export async function deployFunction(
  bed: { cloud: LocalCloud; lambda: LambdaClient },
  role: string,
  zip: Uint8Array,
  settings: Partial<CreateFunctionCommandInput> = {},
): Promise<string> {
  const name = settings.FunctionName ?? uniqueName("fn");
  await bed.lambda.send(new CreateFunctionCommand({ Runtime: "nodejs22.x", Handler: "index.handler", Role: role, ...settings, FunctionName: name, Code: { ZipFile: zip } }));
  bed.cloud.clock.advance(TRANSITION_MS);
  return name;
}
