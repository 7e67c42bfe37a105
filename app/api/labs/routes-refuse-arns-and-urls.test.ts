/**
 * Routes take lab ids, step ids and plain values; a body holding an ARN or a URL is refused with
 * 400 before anything else happens. The real route handlers are called.
 */
import { describe, expect, it } from "vitest";
import { POST as runAction } from "@/app/api/labs/[labId]/steps/[stepId]/actions/[actionId]/route";
import { POST as runCheck } from "@/app/api/labs/[labId]/steps/[stepId]/check/route";
import { PUT as saveSettings } from "@/app/api/settings/route";
import { findArnOrUrl } from "@/lib/api/plain-values";

const ORIGIN = "http://localhost:3000";

function post(path: string, body: unknown, method = "POST") {
  return new Request(`${ORIGIN}${path}`, {
    method,
    headers: { host: "localhost:3000", origin: ORIGIN, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const actionParams = { params: Promise.resolve({ labId: "cafe-sqs", stepId: "connect", actionId: "who-am-i" }) };

describe("routes refuse ARNs and URLs", () => {
  it.each([
    ["a queue ARN", { params: { queue: "arn:aws:sqs:us-east-1:123456789012:user3-CafeOrdersQueue" } }, "ArnNotAccepted", "params.queue"],
    ["a queue URL", { params: { queue: "https://sqs.us-east-1.amazonaws.com/123456789012/user3-CafeOrdersQueue" } }, "UrlNotAccepted", "params.queue"],
    ["a local endpoint", { params: { target: "http://127.0.0.1:4566" } }, "UrlNotAccepted", "params.target"],
    ["an ARN in a list", { params: { targets: ["ok", "arn:aws-cn:sns:cn-north-1:1:t"] } }, "ArnNotAccepted", "params.targets.1"],
  ])("an action given %s answers 400", async (_what, body, code, field) => {
    const response = await runAction(post("/api/labs/cafe-sqs/steps/connect/actions/who-am-i", body), actionParams);
    expect(response.status).toBe(400);
    const json = (await response.json()) as { error: { code: string; field: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.field).toBe(field);
    expect(json.error.message).toMatch(/ARN|URL/);
  });

  it("a check given an ARN answers 400", async () => {
    const response = await runCheck(post("/api/labs/cafe-sqs/steps/connect/check", { queueArn: "arn:aws:sqs:us-east-1:1:q" }), {
      params: Promise.resolve({ labId: "cafe-sqs", stepId: "connect" }),
    });
    expect(response.status).toBe(400);
  });

  it("the settings route takes an endpoint URL in its endpoint field only", async () => {
    const elsewhere = await saveSettings(
      post("/api/settings", { mode: "embedded", region: "us-east-1", prefix: "user3", profile: "http://127.0.0.1:1" }, "PUT"),
      { params: Promise.resolve({}) },
    );
    expect(elsewhere.status).toBe(400);
    expect(((await elsewhere.json()) as { error: { field: string } }).error.field).toBe("profile");

    const remote = await saveSettings(
      post("/api/settings", { mode: "endpoint", endpoint: "http://10.1.2.3:4566", region: "us-east-1", prefix: "user3" }, "PUT"),
      { params: Promise.resolve({}) },
    );
    expect(remote.status).toBe(400);
    expect(((await remote.json()) as { error: { field: string } }).error.field).toBe("endpoint");
  });

  it("a lab id that is not in the catalogue is a 404, not a lookup", async () => {
    const response = await runCheck(post("/api/labs/x/steps/connect/check", {}), { params: Promise.resolve({ labId: "../../etc", stepId: "connect" }) });
    expect(response.status).toBe(404);
  });

  it("a mutation from another origin is refused before its body is read", async () => {
    const request = new Request(`${ORIGIN}/api/labs/cafe-sqs/steps/connect/check`, {
      method: "POST",
      headers: { host: "localhost:3000", origin: "https://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    const response = await runCheck(request, { params: Promise.resolve({ labId: "cafe-sqs", stepId: "connect" }) });
    expect(response.status).toBe(403);
  });

  it("finds ARNs and URLs anywhere in a body, and nothing in plain values", () => {
    expect(findArnOrUrl({ a: { b: ["x", { c: "arn:aws:iam::1:role/r" }] } })).toEqual({ path: "a.b.1.c", kind: "arn" });
    expect(findArnOrUrl({ host: "sqs.eu-west-1.amazonaws.com/1/q" })).toEqual({ path: "host", kind: "url" });
    expect(findArnOrUrl({ item: "Latte", quantity: 2, notes: "no sugar: thanks", ok: true, none: null })).toBeNull();
    expect(findArnOrUrl({ endpoint: "http://127.0.0.1:1" }, ["endpoint"])).toBeNull();
  });
});
