import { describe, expect, it } from "vitest";
import { boto3Available, boto3SkipReason, runBoto3Script } from "../test/boto3";
import { cloudForTests } from "../test/test-bed";
import { LAMBDA_TRUST_POLICY } from "./test-support";

/** A lab script deploying a function from an in-memory zip, waiting for it, invoking it and throttling it. */
const SCENARIO = `
import io, json, os, sys, zipfile, boto3
from botocore.config import Config
kw = dict(endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
iam, lam = boto3.client("iam", **kw), boto3.client("lambda", **kw)
role = iam.create_role(RoleName="boto-fn-role", AssumeRolePolicyDocument=os.environ["TRUST"])["Role"]["Arn"]
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("app.py.js", "")
    z.writestr("index.mjs", "export const handler = async (event) => ({ doubled: event.n * 2 });")
out = {}
created = lam.create_function(FunctionName="boto-doubler", Runtime="nodejs22.x", Handler="index.handler", Role=role,
                              Code={"ZipFile": buf.getvalue()}, MemorySize=512)
out["created"] = [created["State"], created["MemorySize"]]
lam.get_waiter("function_active_v2").wait(FunctionName="boto-doubler")
result = lam.invoke(FunctionName="boto-doubler", Payload=json.dumps({"n": 21}))
out["invoke"] = [result["StatusCode"], json.loads(result["Payload"].read())]
lam.put_function_concurrency(FunctionName="boto-doubler", ReservedConcurrentExecutions=0)
# One attempt: botocore would otherwise retry a throttle four times with growing waits.
once = boto3.client("lambda", config=Config(retries={"max_attempts": 1, "mode": "standard"}), **kw)
try:
    once.invoke(FunctionName="boto-doubler", Payload="{}")
except once.exceptions.TooManyRequestsException as e:
    out["throttled"] = [e.response["Error"]["Code"], e.response.get("Reason")]
try:
    lam.create_function(FunctionName="boto-doubler", Runtime="nodejs22.x", Handler="index.handler", Role=role, Code={"ZipFile": buf.getvalue()})
except lam.exceptions.ResourceConflictException as e:
    out["conflict"] = e.response["Error"]["Message"]
json.dump(out, sys.stdout)
`;

describe("boto3 from Debian against Lambda", () => {
  const bed = cloudForTests({});

  it.skipIf(!boto3Available)(`deploys, waits for, invokes and throttles a function${boto3SkipReason}`, async () => {
    const out = JSON.parse(await runBoto3Script(SCENARIO, { ENDPOINT: bed.cloud.endpoint, TRUST: LAMBDA_TRUST_POLICY })) as Record<string, unknown>;
    expect(out).toEqual({
      created: ["Pending", 512],
      invoke: [200, { doubled: 42 }],
      throttled: ["TooManyRequestsException", "ReservedFunctionConcurrentInvocationLimitExceeded"],
      conflict: "Function already exist: boto-doubler",
    });
  });
});
