/**
 * One IAM role scenario run against the local cloud and against moto_server; what a client
 * observes is compared (ids, dates and account ids aside). Known differences are in README.md.
 */
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
} from "@aws-sdk/client-iam";
import { expect, it } from "vitest";
import { testCredentials } from "../test/harness";
import { motoAvailable, motoSkipReason, motoForTests } from "../test/moto";
import { cloudForTests } from "../test/test-bed";

const bed = cloudForTests({});
const moto = motoForTests();

const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "pipes.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] });

async function scenario(iam: IAMClient) {
  const seen: Record<string, unknown> = {};
  const outcome = (run: () => Promise<unknown>) =>
    run().then(
      () => "ok",
      (e: Error) => ({ name: e.name, message: e.message.replace(/\b\d{12}\b/g, "<account>") }),
    );
  const created = await iam.send(new CreateRoleCommand({ RoleName: "PipeRole", AssumeRolePolicyDocument: trust, Tags: [{ Key: "Project", Value: "ServerlessLab" }] }));
  seen.created = { name: created.Role?.RoleName, path: created.Role?.Path, arnTail: created.Role?.Arn?.split(":").slice(5).join(":"), idPrefix: created.Role?.RoleId?.slice(0, 4) };
  const role = await iam.send(new GetRoleCommand({ RoleName: "PipeRole" }));
  seen.trust = JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? "{}"));
  seen.duplicate = await outcome(() => iam.send(new CreateRoleCommand({ RoleName: "PipeRole", AssumeRolePolicyDocument: trust })));
  seen.missing = await outcome(() => iam.send(new GetRoleCommand({ RoleName: "NoSuchRole" })));
  await iam.send(new PutRolePolicyCommand({ RoleName: "PipeRole", PolicyName: "Send", PolicyDocument: policy }));
  seen.policies = (await iam.send(new ListRolePoliciesCommand({ RoleName: "PipeRole" }))).PolicyNames;
  seen.policy = JSON.parse(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: "PipeRole", PolicyName: "Send" }))).PolicyDocument ?? "{}"));
  seen.missingPolicy = await outcome(() => iam.send(new GetRolePolicyCommand({ RoleName: "PipeRole", PolicyName: "Nope" })));
  seen.conflict = await outcome(() => iam.send(new DeleteRoleCommand({ RoleName: "PipeRole" })));
  await iam.send(new TagRoleCommand({ RoleName: "PipeRole", Tags: [{ Key: "Lab", Value: "pipes" }] }));
  seen.tags = (await iam.send(new ListRoleTagsCommand({ RoleName: "PipeRole" }))).Tags;
  await iam.send(new DeleteRolePolicyCommand({ RoleName: "PipeRole", PolicyName: "Send" }));
  seen.deleted = await outcome(() => iam.send(new DeleteRoleCommand({ RoleName: "PipeRole" })));
  seen.gone = await outcome(() => iam.send(new GetRoleCommand({ RoleName: "PipeRole" })));
  return seen;
}

it.skipIf(!motoAvailable)(`IAM roles behave as moto_server's do${motoSkipReason}`, async () => {
  const local = new IAMClient({ endpoint: bed.cloud.endpoint, region: "us-east-1", credentials: testCredentials });
  const remote = new IAMClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: testCredentials });
  const ours = await scenario(local);
  const theirs = await scenario(remote);
  local.destroy();
  remote.destroy();
  // moto words NoSuchEntity its own way ("Role X not found"); AWS's (ours) is "The role with
  // name X cannot be found." / "The role policy with name X cannot be found.". Codes must agree.
  const codesOnly = (seen: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(seen).map(([key, value]) => {
        const error = value as { name?: string; message?: string };
        return [key, error && typeof error === "object" && error.name?.endsWith("Exception") && error.name === "NoSuchEntityException" ? { name: error.name } : value];
      }),
    );
  expect(codesOnly(ours)).toEqual(codesOnly(theirs));
});
