/**
 * In classroom mode every route runs with the student's session: the class's connection and the
 * student's username as the prefix, whatever the browser sends. Through the real routes, against
 * a local cloud.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as runAction } from "@/app/api/labs/[labId]/steps/[stepId]/actions/[actionId]/route";
import { GET as labProgress } from "@/app/api/labs/[labId]/progress/route";
import { GET as live } from "@/app/api/labs/[labId]/live/route";
import { PUT as putSettings } from "@/app/api/settings/route";
import { POST as advanceClock } from "@/app/api/clock/route";
import { POST as join } from "@/app/api/classroom/join/route";
import { GET as dashboard } from "@/app/api/instructor/classes/[classId]/dashboard/route";
import { encodeSettings, SETTINGS_COOKIE } from "@/lib/aws/settings-cookie";
import { invalidate } from "@/lib/live/coalesce";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { labs } from "@/labs/registry";
import type { ClassStore } from "@/lib/classroom/class-store";
import { CLASS_SESSION_COOKIE } from "@/lib/classroom/student-session";
import { browserRequest, freshClassStore, params, setCookie } from "@/lib/classroom/test-support";

const lab = labs.find((l) => l.steps[0]?.id === "connect" && l.steps[0].actions[0]?.id === "who-am-i");
if (!lab) throw new Error("No lab starts with the framework's connect step.");
const firstResource = Object.values(lab.resources).find((r) => r.listed !== false && r.kind !== "function" && r.kind !== "event-source-mapping")!;

let cloud: LocalCloud;
let store: ClassStore;
let classId: string;

/** A settings cookie a student could forge: another prefix, another endpoint. */
const forged = `${SETTINGS_COOKIE}=${encodeSettings({ connection: { mode: "endpoint", endpoint: "http://127.0.0.1:9" }, region: "eu-west-1", prefix: "user2" })}`;

async function joinAs(username: string): Promise<string> {
  const response = await join(browserRequest("/api/classroom/join", { method: "POST", body: { code: store.get(classId)!.joinCode, username } }), params({}));
  expect(response.status, await response.clone().text()).toBe(200);
  return setCookie(response);
}

function liveNames(response: Response): Promise<string[]> {
  return response.json().then((body: { resources: Array<{ name: string }> }) => body.resources.map((r) => r.name));
}

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud?.close();
});
beforeEach(() => {
  invalidate("");
  store = freshClassStore();
  classId = store.create({
    name: "Tuesday class",
    roster: { kind: "range", stem: "user", from: 1, to: 3 },
    labIds: [lab.id],
    connection: { mode: "endpoint", endpoint: cloud.endpoint },
    region: "us-east-1",
    stuck: { idleMinutes: 15, failures: 3 },
    allowFastForward: false,
  }).id;
});

describe("a student in a class", () => {
  it("acts on their own prefix through the class's connection, whatever their settings cookie says", async () => {
    const session = await joinAs("user1");
    const action = await runAction(
      browserRequest(`/api/labs/${lab.id}/steps/connect/actions/who-am-i`, { method: "POST", body: { params: {} }, cookies: [session, forged] }),
      params({ labId: lab.id, stepId: "connect", actionId: "who-am-i" }),
    );
    expect(action.status).toBe(200);
    const body = (await action.json()) as { check: { record: { student: string } } };
    expect(body.check.record.student).toBe("user1");

    const names = await liveNames(await live(browserRequest(`/api/labs/${lab.id}/live`, { cookies: [session, forged] }), params({ labId: lab.id })));
    expect(names).toContain(`user1-${firstResource.name}`);
    expect(names.some((n) => n.startsWith("user2-"))).toBe(false);

    const theirs = await joinAs("user2");
    const progress = (await (await labProgress(browserRequest(`/api/labs/${lab.id}/progress`, { cookies: [theirs] }), params({ labId: lab.id }))).json()) as { records: unknown[] };
    expect(progress.records).toEqual([]);
  });

  it("cannot change the settings, nor fast-forward the clock the class shares", async () => {
    const session = await joinAs("user1");
    const put = await putSettings(browserRequest("/api/settings", { method: "PUT", body: { mode: "embedded", region: "us-east-1", prefix: "user2" }, cookies: [session] }), params({}));
    expect(put.status).toBe(403);
    expect(((await put.json()) as { error: { code: string } }).error.code).toBe("SettingsSetByClass");
    expect(put.headers.get("set-cookie")).toBeNull();

    const clock = await advanceClock(browserRequest("/api/clock", { method: "POST", body: { advanceSeconds: 60 }, cookies: [session] }), params({}));
    expect(clock.status).toBe(409);
    store.update(classId, { allowFastForward: true });
    const allowed = await advanceClock(browserRequest("/api/clock", { method: "POST", body: { advanceSeconds: 60 }, cookies: [session] }), params({}));
    expect(allowed.status).toBe(200);
  });

  it("refuses a browser without a session, with an edited session, or with a released seat", async () => {
    const path = `/api/labs/${lab.id}/live`;
    const visitor = await live(browserRequest(path, { cookies: [forged] }), params({ labId: lab.id }));
    expect(visitor.status).toBe(401);
    expect(((await visitor.json()) as { error: { code: string } }).error.code).toBe("ClassSessionRequired");

    const session = await joinAs("user1");
    const [body, signature] = session.slice(CLASS_SESSION_COOKIE.length + 1).split(".");
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { u: string };
    const edited = Buffer.from(JSON.stringify({ ...payload, u: "user2" }), "utf8").toString("base64url");
    const tampered = await live(browserRequest(path, { cookies: [`${CLASS_SESSION_COOKIE}=${edited}.${signature}`] }), params({ labId: lab.id }));
    expect(tampered.status).toBe(401);

    store.releaseSeat(classId, "user1");
    const released = await live(browserRequest(path, { cookies: [session] }), params({ labId: lab.id }));
    expect(released.status).toBe(401);
  });

  it("cannot open the instructor's routes", async () => {
    const session = await joinAs("user1");
    const response = await dashboard(browserRequest(`/api/instructor/classes/${classId}/dashboard`, { cookies: [session] }), params({ classId }));
    expect(response.status).toBe(401);
  });
});

describe("outside classroom mode", () => {
  it("uses the browser's own settings as before, once the class has ended", async () => {
    const session = await joinAs("user1");
    store.end(classId);
    const own = `${SETTINGS_COOKIE}=${encodeSettings({ connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "solo" })}`;
    const response = await live(browserRequest(`/api/labs/${lab.id}/live`, { cookies: [session, own] }), params({ labId: lab.id }));
    expect(response.status).toBe(200);
    expect(await liveNames(response)).toContain(`solo-${firstResource.name}`);
  });
});
