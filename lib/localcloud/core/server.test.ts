import http from "node:http";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { NodeHttp2Handler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { clientConfig, startTestCloud } from "../test/harness";

describe("local cloud endpoint", () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(async () => {
    await cloud.close();
  });

  it("answers STS GetCallerIdentity over HTTP/1.1", async () => {
    const sts = new STSClient(clientConfig(cloud));
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe("000000000000");
    expect(identity.Arn).toBe("arn:aws:iam::000000000000:root");
  });

  it("answers the same request over HTTP/2 cleartext on the same port", async () => {
    const sts = new STSClient({ ...clientConfig(cloud), requestHandler: new NodeHttp2Handler() });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe("000000000000");
    sts.destroy();
  });

  it("reports health and capabilities", async () => {
    const health = await (await fetch(`${cloud.endpoint}/_localcloud/health`)).json();
    expect(health).toMatchObject({ ok: true, capabilities: { clock: true, inspect: true }, persistent: false });
    expect(health.services).toContain("sts");
  });

  it("moves the clock forward on request and rejects going back", async () => {
    const before = cloud.clock.now();
    const moved = await fetch(`${cloud.endpoint}/_localcloud/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceSeconds: 90 }),
    });
    expect(moved.status).toBe(200);
    expect(cloud.clock.now() - before).toBeGreaterThanOrEqual(90_000);
    const refused = await fetch(`${cloud.endpoint}/_localcloud/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceSeconds: -5 }),
    });
    expect(refused.status).toBe(400);
  });

  it("refuses requests from web pages and foreign hosts", async () => {
    const fromPage = await fetch(`${cloud.endpoint}/_localcloud/health`, { headers: { origin: "http://evil.example" } });
    expect(fromPage.status).toBe(403);
    const rebound = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port: cloud.port, path: "/_localcloud/health", headers: { host: "evil.example" } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on("error", reject);
    });
    expect(rebound).toBe(403);
  });

  it("says plainly when it cannot tell the service", async () => {
    const response = await fetch(`${cloud.endpoint}/`, { method: "POST", body: "{}" });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
  });
});
