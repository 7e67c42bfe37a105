/**
 * A lab action through its real route: the settings cookie points at a local cloud, the action
 * runs, the step's check runs after it, and the progress store records the step as done.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as runAction } from "@/app/api/labs/[labId]/steps/[stepId]/actions/[actionId]/route";
import { GET as progress } from "@/app/api/progress/route";
import { GET as live } from "@/app/api/labs/[labId]/live/route";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { encodeSettings, SETTINGS_COOKIE } from "@/lib/aws/settings-cookie";
import { invalidate } from "@/lib/live/coalesce";

const ORIGIN = "http://localhost:3000";
let cloud: LocalCloud;
let cookie: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  cookie = `${SETTINGS_COOKIE}=${encodeSettings({ connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "user7" })}`;
});
afterAll(async () => {
  await cloud?.close();
});

describe("running a step's action", () => {
  it("runs the action, checks the step and records it done", async () => {
    const response = await runAction(
      new Request(`${ORIGIN}/api/labs/cafe-sqs/steps/connect/actions/who-am-i`, {
        method: "POST",
        headers: { host: "localhost:3000", origin: ORIGIN, "content-type": "application/json", cookie },
        body: JSON.stringify({ params: {} }),
      }),
      { params: Promise.resolve({ labId: "cafe-sqs", stepId: "connect", actionId: "who-am-i" }) },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { outcome: { message: string }; check: { result: { passed: boolean }; record: { completedAt?: string } } };
    expect(body.outcome.message).toContain("arn:aws:iam::000000000000:root");
    expect(body.check.result.passed).toBe(true);
    expect(body.check.record.completedAt).toBeTruthy();

    const catalogue = await progress(new Request(`${ORIGIN}/api/progress`, { headers: { cookie } }), { params: Promise.resolve({}) });
    const perLab = ((await catalogue.json()) as { labs: Array<{ labId: string; done: number }> }).labs;
    expect(perLab.find((l) => l.labId === "cafe-sqs")?.done).toBe(1);
    expect(perLab.find((l) => l.labId === "sns-fanout")?.done).toBe(0);
  });

  it("answers the live snapshot with an ETag, and 304 while nothing changed", async () => {
    const params = { params: Promise.resolve({ labId: "cafe-sqs" }) };
    const first = await live(new Request(`${ORIGIN}/api/labs/cafe-sqs/live`, { headers: { cookie } }), params);
    expect(first.status).toBe(200);
    const snapshot = (await first.json()) as { resources: Array<{ name: string; state: string }>; progress: unknown[]; clock: unknown };
    expect(snapshot.resources[0]).toMatchObject({ name: "user7-CafeOrdersQueue", state: "missing" });
    expect(snapshot.progress).toHaveLength(1);
    expect(snapshot.clock).not.toBeNull();
    const etag = first.headers.get("etag")!;
    invalidate(""); // computed afresh, not served from the one-second share
    const again = await live(new Request(`${ORIGIN}/api/labs/cafe-sqs/live`, { headers: { cookie, "if-none-match": etag } }), params);
    expect(again.status).toBe(304);
  });
});
