/**
 * Joining: a join code and a username on the class's list give a signed, http-only session; a
 * username is one student's until the instructor releases it; wrong codes are rate-limited.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as join } from "@/app/api/classroom/join/route";
import { DELETE as leave, GET as session } from "@/app/api/classroom/session/route";
import type { ClassStore } from "@/lib/classroom/class-store";
import { formatJoinCode } from "@/lib/classroom/join-code";
import { browserRequest, freshClassStore, params, setCookie } from "@/lib/classroom/test-support";

let store: ClassStore;
let code: string;

beforeEach(() => {
  vi.stubEnv("TRUSTED_PROXY_HOPS", "1"); // these requests name their client in X-Forwarded-For, as a proxy does
  store = freshClassStore();
  code = store.create({
    name: "Messaging 101",
    roster: { kind: "list", usernames: ["alice", "bob"] },
    labIds: ["sns-fanout"],
    connection: { mode: "embedded" },
    region: "us-east-1",
    stuck: { idleMinutes: 15, failures: 3 },
    allowFastForward: false,
  }).joinCode;
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function joinWith(body: { code: string; username: string }, cookies: string[] = [], address = "192.0.2.1"): Promise<Response> {
  return join(browserRequest("/api/classroom/join", { method: "POST", body, cookies, headers: { "x-forwarded-for": address } }), params({}));
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe("joining a class", () => {
  it("gives a session bound to the username, typed however the student types the code", async () => {
    const response = await joinWith({ code: formatJoinCode(code).toLowerCase().replace("-", " - "), username: " Alice " });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/^ml_class=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const cookie = setCookie(response);
    const who = (await (await session(browserRequest("/api/classroom/session", { cookies: [cookie] }))).json()) as { classroom: boolean; session: { username: string; className: string } };
    expect(who).toMatchObject({ classroom: true, session: { username: "alice", className: "Messaging 101" } });
    expect(JSON.stringify(who)).not.toMatch(/embedded|endpoint|connection/);
  });

  it("refuses an unknown code, a username not on the list, and a username someone already holds", async () => {
    expect(await errorCode(await joinWith({ code: "AAAA-AAAA", username: "alice" }))).toBe("UnknownJoinCode");
    expect(await errorCode(await joinWith({ code, username: "mallory" }))).toBe("NotOnRoster");
    const first = setCookie(await joinWith({ code, username: "alice" }));
    const second = await joinWith({ code, username: "alice" });
    expect(second.status).toBe(409);
    expect(await errorCode(second)).toBe("SeatTaken");
    // The same browser joining again is fine.
    expect((await joinWith({ code, username: "alice" }, [first])).status).toBe(200);
    // Released by the instructor, the username can join from another computer; the old session ends.
    store.releaseSeat(store.byJoinCode(code)!.id, "alice");
    expect((await joinWith({ code, username: "alice" })).status).toBe(200);
    const old = (await (await session(browserRequest("/api/classroom/session", { cookies: [first] }))).json()) as { session: unknown };
    expect(old.session).toBeNull();
  });

  it("leaving frees the seat and clears the cookie", async () => {
    const cookie = setCookie(await joinWith({ code, username: "bob" }));
    const left = await leave(browserRequest("/api/classroom/session", { method: "DELETE", body: {}, cookies: [cookie] }), params({}));
    expect(left.headers.get("set-cookie")).toMatch(/^ml_class=; Path=\/; Max-Age=0/);
    expect((await joinWith({ code, username: "bob" })).status).toBe(200);
  });

  it("makes a client wait after its 31st wrong code, while others still join", async () => {
    for (let i = 0; i < 31; i++) expect((await joinWith({ code: `WRONG${i}`, username: "alice" })).status).toBe(400);
    const locked = await joinWith({ code, username: "alice" });
    expect(locked.status).toBe(429);
    expect((await joinWith({ code, username: "alice" }, [], "192.0.2.2")).status).toBe(200);
  });
});
