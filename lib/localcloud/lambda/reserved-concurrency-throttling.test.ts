import { IAMClient } from "@aws-sdk/client-iam";
import {
  DeleteFunctionConcurrencyCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  InvokeCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
} from "@aws-sdk/client-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { cloudForTests } from "../test/test-bed";
import { deployFunction, handlerZip, lambdaRole } from "./test-support";

const bed = cloudForTests({ lambda: LambdaClient, iam: IAMClient }, { clients: { maxAttempts: 1 } });
let role = "";
beforeAll(async () => {
  role = await lambdaRole(bed.iam);
});

describe("reserved concurrency", () => {
  it("throttles every invocation of a function reserved at 0 with Lambda's reason", async () => {
    const name = await deployFunction(bed, role, handlerZip("return 1;"));
    const put = await bed.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 0 }));
    expect(put.ReservedConcurrentExecutions).toBe(0);
    await expect(bed.lambda.send(new InvokeCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: "TooManyRequestsException",
      message: "Rate Exceeded.",
      Reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
      $metadata: { httpStatusCode: 429 },
    });
    await expect(bed.cloud.links.lambda?.invoke("us-east-1", name, "{}")).rejects.toMatchObject({ code: "TooManyRequestsException" });
  });

  it("lets as many invocations run at once as are reserved, and throttles the next", async () => {
    const name = await deployFunction(bed, role, handlerZip("await new Promise((r) => setTimeout(r, 300)); return 1;"));
    await bed.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 1 }));
    // The link counts the first invocation in flight before it returns its promise, so the second surely overlaps it.
    const first = bed.cloud.links.lambda?.invoke("us-east-1", name, "{}");
    await expect(bed.lambda.send(new InvokeCommand({ FunctionName: name }))).rejects.toMatchObject({ name: "TooManyRequestsException" });
    expect((await first)?.payload).toBe("1");
    expect((await bed.lambda.send(new InvokeCommand({ FunctionName: name }))).StatusCode).toBe(200);
  });

  it("gets, reports in GetFunction and deletes the reservation", async () => {
    const name = await deployFunction(bed, role, handlerZip("return 1;"));
    expect(await bed.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }))).not.toHaveProperty("ReservedConcurrentExecutions");
    await bed.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 5 }));
    expect((await bed.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions).toBe(5);
    expect((await bed.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Concurrency).toEqual({ ReservedConcurrentExecutions: 5 });
    await bed.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
    expect((await bed.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions).toBeUndefined();
  });

  it("refuses a reservation that leaves less than 100 unreserved", async () => {
    const name = await deployFunction(bed, role, handlerZip("return 1;"));
    await expect(bed.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 950 }))).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
    });
  });
});
