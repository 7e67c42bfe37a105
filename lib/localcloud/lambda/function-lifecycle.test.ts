import { IAMClient } from "@aws-sdk/client-iam";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionsCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { TRANSITION_MS } from "./model";
import { deployFunction, handlerZip, lambdaRole } from "./test-support";

const bed = cloudForTests({ lambda: LambdaClient, iam: IAMClient });
let role = "";
beforeAll(async () => {
  role = await lambdaRole(bed.iam);
});

describe("function lifecycle", () => {
  it("creates a function Pending, reports it Active on the clock, with Lambda's configuration fields", async () => {
    const zip = handlerZip("return 1;");
    const name = uniqueName("create");
    const created = await bed.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: "nodejs22.x",
        Handler: "index.handler",
        Role: role,
        Code: { ZipFile: zip },
        Description: "orders",
        Timeout: 10,
        MemorySize: 256,
        Environment: { Variables: { MODE: "ok" } },
        Tags: { team: "labs" },
      }),
    );
    expect(created).toMatchObject({
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Role: role,
      Description: "orders",
      Timeout: 10,
      MemorySize: 256,
      Version: "$LATEST",
      CodeSize: zip.length,
      CodeSha256: createHash("sha256").update(zip).digest("base64"),
      Environment: { Variables: { MODE: "ok" } },
      State: "Pending",
      StateReasonCode: "Creating",
      PackageType: "Zip",
      Architectures: ["x86_64"],
    });
    expect(created.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(created.RevisionId).toMatch(/^[0-9a-f-]{36}$/);

    bed.cloud.clock.advance(TRANSITION_MS);
    const got = await bed.lambda.send(new GetFunctionCommand({ FunctionName: name }));
    expect(got.Configuration).toMatchObject({ State: "Active", LastUpdateStatus: "Successful" });
    expect(got.Tags).toEqual({ team: "labs" });
    expect(got.Code?.RepositoryType).toBe("S3");
    const download = await fetch(got.Code?.Location as string);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(zip))).toBe(true);
    const inspected = (await (await fetch(`${bed.cloud.endpoint}/_localcloud/lambda/functions?region=us-east-1`)).json()) as { functions: Array<{ FunctionName: string; State: string }> };
    expect(inspected.functions.find((f) => f.FunctionName === name)?.State).toBe("Active");
  });

  it("accepts a name, a partial ARN and a full ARN, and $LATEST as qualifier", async () => {
    const name = await deployFunction(bed, role, handlerZip("return 1;"));
    for (const id of [name, `000000000000:function:${name}`, `arn:aws:lambda:us-east-1:000000000000:function:${name}`, `${name}:$LATEST`]) {
      const config = await bed.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: id }));
      expect(config.FunctionName).toBe(name);
    }
    await expect(bed.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: "7" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `Function not found: arn:aws:lambda:us-east-1:000000000000:function:${name}:7`,
    });
  });

  it("lists functions in name order with Marker / MaxItems paging", async () => {
    const prefix = uniqueName("page");
    for (const n of ["c", "a", "b"]) await deployFunction(bed, role, handlerZip("return 1;"), { FunctionName: `${prefix}-${n}` });
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await bed.lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: marker }));
      expect(page.Functions?.length).toBeLessThanOrEqual(2);
      names.push(...(page.Functions ?? []).map((f) => f.FunctionName as string));
      marker = page.NextMarker;
    } while (marker);
    expect(names.filter((n) => n.startsWith(prefix))).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
    expect([...names].sort()).toEqual(names);
  });

  it("updates code and configuration InProgress then Successful, refusing a second update meanwhile", async () => {
    const name = await deployFunction(bed, role, handlerZip("return 1;"));
    const newZip = handlerZip("return 2;");
    const updated = await bed.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: newZip }));
    expect(updated).toMatchObject({ LastUpdateStatus: "InProgress", CodeSha256: createHash("sha256").update(newZip).digest("base64"), State: "Active" });
    await expect(bed.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 5 }))).rejects.toMatchObject({
      name: "ResourceConflictException",
      message: `The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    });
    bed.cloud.clock.advance(TRANSITION_MS);
    const config = await bed.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 5, Environment: { Variables: { FAIL: "1" } } }));
    expect(config).toMatchObject({ Timeout: 5, Environment: { Variables: { FAIL: "1" } }, LastUpdateStatus: "InProgress" });
    expect(config.RevisionId).not.toBe(updated.RevisionId);
    await expect(bed.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 6, RevisionId: updated.RevisionId }))).rejects.toMatchObject({
      name: "ResourceConflictException",
    });
    bed.cloud.clock.advance(TRANSITION_MS);
    await expect(bed.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 6, RevisionId: updated.RevisionId }))).rejects.toMatchObject({
      name: "PreconditionFailedException",
    });
    const got = await bed.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    expect(got).toMatchObject({ LastUpdateStatus: "Successful", Timeout: 5 });
  });

  it("deletes a function; then it is not found", async () => {
    const name = await deployFunction(bed, role, handlerZip("return 1;"));
    await bed.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    await expect(bed.lambda.send(new GetFunctionCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `Function not found: arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      $metadata: { httpStatusCode: 404 },
    });
    await expect(bed.lambda.send(new DeleteFunctionCommand({ FunctionName: name }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("CreateFunction refuses bad input with Lambda's errors", () => {
  const base = () => ({ FunctionName: uniqueName("bad"), Runtime: "nodejs22.x" as const, Handler: "index.handler", Role: role, Code: { ZipFile: handlerZip("return 1;") } });

  it("refuses a second function of the same name", async () => {
    const input = base();
    await bed.lambda.send(new CreateFunctionCommand(input));
    await expect(bed.lambda.send(new CreateFunctionCommand(input))).rejects.toMatchObject({
      name: "ResourceConflictException",
      message: `Function already exist: ${input.FunctionName}`,
      $metadata: { httpStatusCode: 409 },
    });
  });

  it("checks Timeout, MemorySize, Runtime and the zip", async () => {
    await expect(bed.lambda.send(new CreateFunctionCommand({ ...base(), Timeout: 901 }))).rejects.toMatchObject({
      name: "ValidationException",
      message: "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
    });
    await expect(bed.lambda.send(new CreateFunctionCommand({ ...base(), MemorySize: 64 }))).rejects.toMatchObject({
      name: "ValidationException",
      message: "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    });
    await expect(bed.lambda.send(new CreateFunctionCommand({ ...base(), Runtime: "nodejs18.x" }))).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: expect.stringContaining("The runtime parameter of nodejs18.x is no longer supported for creating or updating AWS Lambda functions."),
    });
    await expect(bed.lambda.send(new CreateFunctionCommand({ ...base(), Code: { ZipFile: new TextEncoder().encode("not a zip") } }))).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: "Could not unzip uploaded file. Please check your file, then try to upload again.",
    });
    await expect(bed.lambda.send(new CreateFunctionCommand({ ...base(), Role: undefined as unknown as string }))).rejects.toMatchObject({
      name: "ValidationException",
      message: "1 validation error detected: Value null at 'role' failed to satisfy constraint: Member must not be null",
    });
    const refused = base();
    await expect(bed.lambda.send(new CreateFunctionCommand({ ...refused, Timeout: 0 }))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(bed.lambda.send(new GetFunctionCommand({ FunctionName: refused.FunctionName }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("refuses a role that does not exist or does not trust Lambda", async () => {
    const missing = "arn:aws:iam::000000000000:role/no-such-role";
    await expect(bed.lambda.send(new CreateFunctionCommand({ ...base(), Role: missing }))).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: "The role defined for the function cannot be assumed by Lambda.",
    });
    const ec2Only = await lambdaRole(
      bed.iam,
      JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    );
    const input = { ...base(), Role: ec2Only };
    await expect(bed.lambda.send(new CreateFunctionCommand(input))).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(bed.lambda.send(new GetFunctionCommand({ FunctionName: input.FunctionName }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});
