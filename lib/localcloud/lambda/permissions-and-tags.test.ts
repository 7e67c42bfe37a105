import { IAMClient } from "@aws-sdk/client-iam";
import {
  AddPermissionCommand,
  GetPolicyCommand,
  LambdaClient,
  ListTagsCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { cloudForTests } from "../test/test-bed";
import { deployFunction, handlerZip, lambdaRole } from "./test-support";

const bed = cloudForTests({ lambda: LambdaClient, iam: IAMClient });
let role = "";
beforeAll(async () => {
  role = await lambdaRole(bed.iam);
});

const arnOf = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const API_ARN = "arn:aws:execute-api:us-east-1:000000000000:abc123";

describe("resource policy", () => {
  it("adds a statement for API Gateway, reads the policy back and removes it", async () => {
    const name = await deployFunction(bed, role, handlerZip("return 1;"));
    const added = await bed.lambda.send(
      new AddPermissionCommand({ FunctionName: name, StatementId: "apigw", Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com", SourceArn: `${API_ARN}/*/*/orders` }),
    );
    expect(added.$metadata.httpStatusCode).toBe(201);
    const statement = {
      Sid: "apigw",
      Effect: "Allow",
      Principal: { Service: "apigateway.amazonaws.com" },
      Action: "lambda:InvokeFunction",
      Resource: arnOf(name),
      Condition: { ArnLike: { "AWS:SourceArn": `${API_ARN}/*/*/orders` } },
    };
    expect(JSON.parse(added.Statement as string)).toEqual(statement);
    const policy = await bed.lambda.send(new GetPolicyCommand({ FunctionName: name }));
    expect(JSON.parse(policy.Policy as string)).toEqual({ Version: "2012-10-17", Id: "default", Statement: [statement] });
    expect(policy.RevisionId).toBeTruthy();

    const link = bed.cloud.links.lambda;
    expect(link?.allowsInvoke("us-east-1", name, "apigateway.amazonaws.com", `${API_ARN}/$default/POST/orders`)).toBe(true);
    expect(link?.allowsInvoke("us-east-1", name, "apigateway.amazonaws.com", `${API_ARN}/$default/POST/users`)).toBe(false);
    expect(link?.allowsInvoke("us-east-1", name, "sns.amazonaws.com", `${API_ARN}/$default/POST/orders`)).toBe(false);

    await expect(
      bed.lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: "apigw", Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com" })),
    ).rejects.toMatchObject({ name: "ResourceConflictException", message: "The statement id (apigw) provided already exists. Please provide a new statement id, or remove the existing statement." });

    await bed.lambda.send(new RemovePermissionCommand({ FunctionName: name, StatementId: "apigw" }));
    expect(link?.allowsInvoke("us-east-1", name, "apigateway.amazonaws.com", `${API_ARN}/$default/POST/orders`)).toBe(false);
    await expect(bed.lambda.send(new GetPolicyCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: "The resource you requested does not exist.",
    });
    await expect(bed.lambda.send(new RemovePermissionCommand({ FunctionName: name, StatementId: "apigw" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("tags", () => {
  it("tags, lists and untags a function by ARN", async () => {
    const name = await deployFunction(bed, role, handlerZip("return 1;"), { Tags: { lab: "orders" } });
    await bed.lambda.send(new TagResourceCommand({ Resource: arnOf(name), Tags: { team: "messaging", stage: "dev" } }));
    expect((await bed.lambda.send(new ListTagsCommand({ Resource: arnOf(name) }))).Tags).toEqual({ lab: "orders", team: "messaging", stage: "dev" });
    await bed.lambda.send(new UntagResourceCommand({ Resource: arnOf(name), TagKeys: ["stage", "lab"] }));
    expect((await bed.lambda.send(new ListTagsCommand({ Resource: arnOf(name) }))).Tags).toEqual({ team: "messaging" });
    await expect(bed.lambda.send(new ListTagsCommand({ Resource: arnOf(`${name}-gone`) }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `Function not found: ${arnOf(`${name}-gone`)}`,
    });
  });
});
