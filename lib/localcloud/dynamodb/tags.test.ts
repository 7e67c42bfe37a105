import { ListTagsOfResourceCommand, TagResourceCommand, UntagResourceCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, startDynamoCloud, type DynamoTestCloud } from "./test-support";

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());

it("tags given at creation, added and removed are listed on the table's ARN", async () => {
  const table = await createTable(env, uniqueName("tagged"), {
    extra: { Tags: [{ Key: "Project", Value: "ServerlessLab" }, { Key: "Lab", Value: "dynamodb-streams-pipes" }] },
  });
  const ResourceArn = table.TableArn!;
  const list = async () => (await env.dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn }))).Tags?.sort((a, b) => a.Key!.localeCompare(b.Key!));
  expect(await list()).toEqual([
    { Key: "Lab", Value: "dynamodb-streams-pipes" },
    { Key: "Project", Value: "ServerlessLab" },
  ]);
  await env.dynamodb.send(new TagResourceCommand({ ResourceArn, Tags: [{ Key: "Student", Value: "user3" }] }));
  await env.dynamodb.send(new UntagResourceCommand({ ResourceArn, TagKeys: ["Lab"] }));
  expect(await list()).toEqual([
    { Key: "Project", Value: "ServerlessLab" },
    { Key: "Student", Value: "user3" },
  ]);
  await expect(
    env.dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: `${ResourceArn}-missing` })),
  ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
});
