/**
 * The instructor's dashboard through the real routes: a class created from the instructor's form,
 * students joining and doing steps, the grid with each one's progress and who is stuck (with the
 * failing check's reason), answered with an ETag (304 while nothing changed), and the CSV export.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as runAction } from "@/app/api/labs/[labId]/steps/[stepId]/actions/[actionId]/route";
import { POST as runCheck } from "@/app/api/labs/[labId]/steps/[stepId]/check/route";
import { POST as join } from "@/app/api/classroom/join/route";
import { POST as signIn } from "@/app/api/instructor/session/route";
import { POST as createClass } from "@/app/api/instructor/classes/route";
import { GET as dashboard } from "@/app/api/instructor/classes/[classId]/dashboard/route";
import { GET as exportCsv } from "@/app/api/instructor/classes/[classId]/export/route";
import { DELETE as releaseSeat } from "@/app/api/instructor/classes/[classId]/seats/[username]/route";
import { invalidate } from "@/lib/live/coalesce";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { labs } from "@/labs/registry";
import { forgetDashboard } from "@/lib/classroom/dashboard-snapshot";
import type { DashboardSnapshot } from "@/lib/classroom/dashboard-view";
import { resetInstructorSecret } from "@/lib/classroom/instructor-secret";
import { browserRequest, freshClassStore, params, setCookie } from "@/lib/classroom/test-support";

const lab = labs.find((l) => l.id === "sns-fanout") ?? labs.find((l) => l.steps[0]?.id === "connect")!;
const second = lab.steps[1];

let cloud: LocalCloud;
let instructor: string;
let classId = "";
let joinCode: string;

async function snapshot(etag?: string): Promise<{ status: number; body?: DashboardSnapshot; etag: string | null }> {
  if (classId) forgetDashboard(classId);
  const response = await dashboard(browserRequest(`/api/instructor/classes/${classId}/dashboard`, { cookies: [instructor], headers: etag ? { "if-none-match": etag } : {} }), params({ classId }));
  return { status: response.status, body: response.status === 200 ? ((await response.json()) as DashboardSnapshot) : undefined, etag: response.headers.get("etag") };
}

async function joinAs(username: string): Promise<string> {
  const response = await join(browserRequest("/api/classroom/join", { method: "POST", body: { code: joinCode, username } }), params({}));
  expect(response.status).toBe(200);
  return setCookie(response);
}

beforeAll(async () => {
  cloud = await startTestCloud();
  freshClassStore();
  resetInstructorSecret();
  vi.stubEnv("INSTRUCTOR_SECRET", "a secret for the dashboard test");
  instructor = setCookie(await signIn(browserRequest("/api/instructor/session", { method: "POST", body: { secret: "a secret for the dashboard test" } }), params({})));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await closeSharedRegistry();
  await cloud?.close();
});
beforeEach(() => invalidate(""));

describe("the instructor's dashboard", () => {
  it("shows each student's progress, the step they are on, and who is stuck with the check's reason", async () => {
    const created = await createClass(
      browserRequest("/api/instructor/classes", {
        method: "POST",
        cookies: [instructor],
        body: { name: "Morning class", roster: "user1..user3", labIds: [lab.id], connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", stuck: { idleMinutes: 30, failures: 3 } },
      }),
      params({}),
    );
    expect(created.status).toBe(201);
    ({ id: classId, joinCode } = ((await created.json()) as { class: { id: string; joinCode: string } }).class);
    expect(joinCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const empty = await snapshot();
    expect(empty.body!.students.map((s) => [s.username, s.joined])).toEqual([["user1", false], ["user2", false], ["user3", false]]);

    const user1 = await joinAs("user1");
    const user2 = await joinAs("user2");
    const connect = await runAction(
      browserRequest(`/api/labs/${lab.id}/steps/connect/actions/who-am-i`, { method: "POST", body: { params: {} }, cookies: [user1] }),
      params({ labId: lab.id, stepId: "connect", actionId: "who-am-i" }),
    );
    expect(connect.status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const check = await runCheck(browserRequest(`/api/labs/${lab.id}/steps/${second.id}/check`, { method: "POST", body: {}, cookies: [user2] }), params({ labId: lab.id, stepId: second.id }));
      expect(check.status).toBe(200);
    }

    const { body, etag } = await snapshot();
    const [row1, row2, row3] = body!.students;
    expect(row1).toMatchObject({ username: "user1", joined: true, doneSteps: 1, stuck: null, current: { labId: lab.id, stepId: second.id } });
    expect(row1.labs[lab.id]).toMatchObject({ done: 1, total: lab.steps.length, current: { id: second.id } });
    expect(row1.lastSeenAt).toBeTruthy();
    expect(row2.stuck).toMatchObject({ kind: "failing", stepId: second.id, failures: 3 });
    expect(row2.stuck?.kind === "failing" && row2.stuck.reason.length).toBeGreaterThan(5);
    expect(row3).toMatchObject({ joined: false, doneSteps: 0, stuck: null });
    expect(body!.totals).toMatchObject({ students: 3, joined: 2, stuck: 1, doneSteps: 1 });
    expect(JSON.stringify(body)).not.toContain("test");

    expect((await snapshot(etag!)).status).toBe(304);
    await releaseSeat(browserRequest(`/api/instructor/classes/${classId}/seats/user2`, { method: "DELETE", body: {}, cookies: [instructor] }), params({ classId, username: "user2" }));
    const after = await snapshot(etag!);
    expect(after.status).toBe(200);
    expect(after.body!.students[1].joined).toBe(false);
  });

  it("exports the progress as CSV", async () => {
    const response = await exportCsv(browserRequest(`/api/instructor/classes/${classId}/export`, { cookies: [instructor] }), params({ classId }));
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="morning-class-progress-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = (await response.text()).trimEnd().split("\r\n");
    expect(rows).toHaveLength(1 + 3 * lab.steps.length);
    expect(rows[1]).toMatch(new RegExp(`^Morning class,user1,[^,]+,${lab.id},1,connect,[^,]+,done,`));
  });
});
