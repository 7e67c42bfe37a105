/**
 * The instructor's routes: only after the secret, which is compared in constant time, with wrong
 * attempts counted per client and refused past the limit. Through the real routes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DELETE as signOut, POST as signIn } from "@/app/api/instructor/session/route";
import { GET as listClasses, POST as createClass } from "@/app/api/instructor/classes/route";
import { announceInstructorAccess, isInstructorSecret, resetInstructorSecret } from "@/lib/classroom/instructor-secret";
import { browserRequest, freshClassStore, params, setCookie } from "@/lib/classroom/test-support";

const SECRET = "correct horse battery staple";

beforeEach(() => {
  freshClassStore();
  resetInstructorSecret();
  vi.stubEnv("INSTRUCTOR_SECRET", SECRET);
  vi.stubEnv("TRUSTED_PROXY_HOPS", "1"); // these requests name their client in X-Forwarded-For, as a proxy does
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetInstructorSecret();
});

function attempt(secret: string, address = "198.51.100.7"): Promise<Response> {
  return signIn(browserRequest("/api/instructor/session", { method: "POST", body: { secret }, headers: { "x-forwarded-for": address } }), params({}));
}

describe("instructor access", () => {
  it("refuses the instructor's routes without a session, and a wrong secret", async () => {
    expect((await listClasses(browserRequest("/api/instructor/classes"), params({}))).status).toBe(401);
    const wrong = await attempt("correct horse battery stapler");
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("WrongInstructorSecret");
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("signs in with the secret (http-only, SameSite=Strict cookie), then signs out", async () => {
    const response = await attempt(SECRET);
    expect(response.status).toBe(200);
    const header = response.headers.get("set-cookie")!;
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    const cookie = setCookie(response);
    expect(cookie).not.toContain(SECRET);
    expect((await listClasses(browserRequest("/api/instructor/classes", { cookies: [cookie] }), params({}))).status).toBe(200);

    await signOut(browserRequest("/api/instructor/session", { method: "DELETE", body: {}, cookies: [cookie] }), params({}));
    expect((await listClasses(browserRequest("/api/instructor/classes", { cookies: [cookie] }), params({}))).status).toBe(401);
  });

  it("makes a client wait after its fourth wrong secret, even with the right one, while others may still try", async () => {
    for (let i = 0; i < 4; i++) expect((await attempt(`guess ${i} is wrong`)).status).toBe(401);
    const locked = await attempt(SECRET);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("1");
    expect((await attempt(SECRET, "198.51.100.8")).status).toBe(200);
  });

  it("refuses a change from another site even with a session", async () => {
    const cookie = setCookie(await attempt(SECRET));
    const body = { name: "X", roster: "user1..user3", connection: { mode: "embedded" }, region: "us-east-1" };
    const crossSite = await createClass(browserRequest("/api/instructor/classes", { method: "POST", body, cookies: [cookie], headers: { origin: "https://evil.example" } }), params({}));
    expect(crossSite.status).toBe(403);
    const sameSite = await createClass(browserRequest("/api/instructor/classes", { method: "POST", body, cookies: [cookie] }), params({}));
    expect(sameSite.status).toBe(201);
  });
});

describe("the instructor secret", () => {
  it("is generated and printed once when none is set, and only that value opens the dashboard", () => {
    vi.stubEnv("INSTRUCTOR_SECRET", "");
    resetInstructorSecret();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    announceInstructorAccess();
    announceInstructorAccess();
    expect(log).toHaveBeenCalledTimes(1);
    const printed = /secret for this run: (\S+)/.exec(String(log.mock.calls[0][0]))?.[1];
    expect(printed).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isInstructorSecret(printed!)).toBe(true);
    expect(isInstructorSecret(`${printed}x`)).toBe(false);
    expect(isInstructorSecret("")).toBe(false);
    log.mockRestore();
  });

  it("comes from INSTRUCTOR_SECRET when set, which is then never printed", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    announceInstructorAccess();
    expect(String(log.mock.calls[0][0])).not.toContain(SECRET);
    expect(isInstructorSecret(SECRET)).toBe(true);
    log.mockRestore();
  });
});
