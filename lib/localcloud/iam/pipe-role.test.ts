import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  DeleteConflictException,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { clientConfig, startTestCloud, uniqueName } from "../test/harness";

const trustPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "pipes.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const queuePolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:SendMessage"], Resource: "*" }],
});

describe("IAM roles for a pipe", () => {
  let cloud: LocalCloud;
  let iam: IAMClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    iam = new IAMClient(clientConfig(cloud));
  });
  afterAll(async () => {
    iam.destroy();
    await cloud.close();
  });

  it("creates a role with a trust policy and tags, and reads it back as AWS shows it", async () => {
    const name = uniqueName("HighValueOrderPipeRole");
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: trustPolicy,
        Description: "Lets the pipe read and write the lab's queues",
        Tags: [{ Key: "Project", Value: "ServerlessLab" }],
      }),
    );
    expect(created.Role).toMatchObject({ RoleName: name, Path: "/", Arn: `arn:aws:iam::000000000000:role/${name}`, MaxSessionDuration: 3600 });
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(created.Role?.CreateDate).toBeInstanceOf(Date);

    const got = await iam.send(new GetRoleCommand({ RoleName: name }));
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? "")).toBe(trustPolicy);
    expect(got.Role?.Description).toBe("Lets the pipe read and write the lab's queues");
    expect(got.Role?.Tags).toEqual([{ Key: "Project", Value: "ServerlessLab" }]);

    const listed = await iam.send(new ListRolesCommand({}));
    expect(listed.Roles?.map((r) => r.RoleName)).toContain(name);
    expect(listed.IsTruncated).toBe(false);
  });

  it("refuses a duplicate role, a missing role and a trust policy that is not JSON", async () => {
    const name = uniqueName("dup-role");
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy }));
    const duplicate = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy })).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(EntityAlreadyExistsException);
    expect((duplicate as Error).message).toBe(`Role with name ${name} already exists.`);
    const missing = await iam.send(new GetRoleCommand({ RoleName: "no-such-role" })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NoSuchEntityException);
    expect((missing as Error).message).toBe("The role with name no-such-role cannot be found.");
    const malformed = await iam.send(new CreateRoleCommand({ RoleName: uniqueName("bad"), AssumeRolePolicyDocument: "{not json" })).catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(MalformedPolicyDocumentException);
  });

  it("puts, lists, reads and deletes inline policies; DeleteRole refuses while any remain", async () => {
    const name = uniqueName("policy-role");
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy }));
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "QueueAccess", PolicyDocument: queuePolicy }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames).toEqual(["QueueAccess"]);
    const policy = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: "QueueAccess" }));
    expect(decodeURIComponent(policy.PolicyDocument ?? "")).toBe(queuePolicy);

    const conflict = await iam.send(new DeleteRoleCommand({ RoleName: name })).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(DeleteConflictException);
    expect((conflict as Error).message).toBe("Cannot delete entity, must delete policies first.");

    await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: "arn:aws:iam::aws:policy/AmazonSQSFullAccess" }));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: "AmazonSQSFullAccess", PolicyArn: "arn:aws:iam::aws:policy/AmazonSQSFullAccess" }]);

    await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: "QueueAccess" }));
    const stillAttached = await iam.send(new DeleteRoleCommand({ RoleName: name })).catch((e: unknown) => e);
    expect((stillAttached as Error).message).toBe("Cannot delete entity, must detach all policies first.");
    await iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: "arn:aws:iam::aws:policy/AmazonSQSFullAccess" }));
    await iam.send(new DeleteRoleCommand({ RoleName: name }));
    await expect(iam.send(new GetRoleCommand({ RoleName: name }))).rejects.toBeInstanceOf(NoSuchEntityException);
    const gone = await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: "QueueAccess" })).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NoSuchEntityException);
  });

  it("tags and untags a role", async () => {
    const name = uniqueName("tag-role");
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy }));
    await iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: "Lab", Value: "dynamodb-streams-pipes" }, { Key: "Student", Value: "user3" }] }));
    await iam.send(new UntagRoleCommand({ RoleName: name, TagKeys: ["Student"] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: name }))).Tags).toEqual([{ Key: "Lab", Value: "dynamodb-streams-pipes" }]);
  });
});
