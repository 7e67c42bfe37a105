/**
 * The Lambda control plane against the local cloud and moto_server (moto cannot run code, so
 * nothing is invoked): create, get, list, update, delete, tags, concurrency, permissions and their
 * errors, as a client observes them. moto reports a new function Active at once; the local cloud
 * reports Pending for a second, so states are compared once settled.
 */
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  type FunctionConfiguration,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetPolicyCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListTagsCommand,
  PutFunctionConcurrencyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { expect, it } from "vitest";
import { LOCAL_ACCOUNT_ID } from "../index";
import { testCredentials } from "../test/harness";
import { motoAvailable, motoForTests, motoSkipReason } from "../test/moto";
import { cloudForTests } from "../test/test-bed";
import { TRANSITION_MS } from "./model";
import { handlerZip, LAMBDA_TRUST_POLICY } from "./test-support";

const bed = cloudForTests({});
const moto = motoForTests({ accountId: LOCAL_ACCOUNT_ID });
/** One zip for both peers (a zip holds its files' times, so two builds differ in CodeSha256). */
const zip = handlerZip("return 1;");

async function scenario(endpoint: string, settle: () => void) {
  const config = { endpoint, region: "us-east-1", credentials: testCredentials, maxAttempts: 1 };
  const iam = new IAMClient(config);
  const lambda = new LambdaClient(config);
  const outcome = (run: () => Promise<unknown>) =>
    run().then(
      () => "ok",
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => ({ name: e.name, status: e.$metadata?.httpStatusCode }),
    );
  const seen: Record<string, unknown> = {};
  try {
    const role = (await iam.send(new CreateRoleCommand({ RoleName: "diff-fn-role", AssumeRolePolicyDocument: LAMBDA_TRUST_POLICY }))).Role?.Arn as string;
    const base = { Runtime: "nodejs22.x" as const, Handler: "index.handler", Role: role, Code: { ZipFile: zip } };
    const created = await lambda.send(
      new CreateFunctionCommand({ ...base, FunctionName: "diff-orders", Timeout: 10, MemorySize: 256, Description: "orders", Environment: { Variables: { MODE: "a" } }, Tags: { lab: "diff" } }),
    );
    const shape = (c: FunctionConfiguration | undefined) => ({
      name: c?.FunctionName,
      arn: c?.FunctionArn,
      runtime: c?.Runtime,
      handler: c?.Handler,
      role: c?.Role,
      timeout: c?.Timeout,
      memory: c?.MemorySize,
      description: c?.Description,
      environment: c?.Environment?.Variables,
      sha: c?.CodeSha256,
      size: c?.CodeSize,
      version: c?.Version,
      packageType: c?.PackageType,
    });
    seen.created = shape(created);
    settle();
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: "diff-orders" }));
    seen.got = { ...shape(got.Configuration), state: got.Configuration?.State, tags: got.Tags, repository: got.Code?.RepositoryType };
    await lambda.send(new CreateFunctionCommand({ ...base, FunctionName: "diff-audit" }));
    settle();
    seen.listed = (await lambda.send(new ListFunctionsCommand({}))).Functions?.map((f) => f.FunctionName).sort();
    const updated = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "diff-orders", Timeout: 30, Environment: { Variables: { MODE: "b" } } }));
    seen.updated = [updated.Timeout, updated.Environment?.Variables];
    settle();
    seen.duplicate = await outcome(() => lambda.send(new CreateFunctionCommand({ ...base, FunctionName: "diff-orders" })));
    seen.missing = await outcome(() => lambda.send(new GetFunctionCommand({ FunctionName: "diff-nothing" })));
    seen.badRole = await outcome(() => lambda.send(new CreateFunctionCommand({ ...base, FunctionName: "diff-bad-role", Role: "arn:aws:iam::000000000000:role/absent" })));

    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: "diff-orders", ReservedConcurrentExecutions: 4 }));
    seen.concurrency = (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: "diff-orders" }))).ReservedConcurrentExecutions;

    const arn = created.FunctionArn as string;
    await lambda.send(new TagResourceCommand({ Resource: arn, Tags: { team: "msg" } }));
    await lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ["lab"] }));
    seen.tags = (await lambda.send(new ListTagsCommand({ Resource: arn }))).Tags;

    const added = await lambda.send(
      new AddPermissionCommand({ FunctionName: "diff-orders", StatementId: "apigw", Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com", SourceArn: "arn:aws:execute-api:us-east-1:000000000000:abc/*" }),
    );
    const statement = JSON.parse(added.Statement as string) as Record<string, unknown>;
    seen.statement = [statement.Sid, statement.Effect, statement.Principal, statement.Action, statement.Resource, statement.Condition];
    const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: "diff-orders" }))).Policy as string) as { Statement: unknown[] };
    seen.policyStatements = policy.Statement.length;

    await lambda.send(new DeleteFunctionCommand({ FunctionName: "diff-orders" }));
    seen.gone = await outcome(() => lambda.send(new GetFunctionCommand({ FunctionName: "diff-orders" })));
    return seen;
  } finally {
    iam.destroy();
    lambda.destroy();
  }
}

it.skipIf(!motoAvailable)(`the Lambda control plane behaves as moto_server's does${motoSkipReason}`, async () => {
  const ours = await scenario(bed.cloud.endpoint, () => bed.cloud.clock.advance(TRANSITION_MS));
  const theirs = await scenario(moto.endpoint, () => undefined);
  expect(ours).toEqual(theirs);
});
