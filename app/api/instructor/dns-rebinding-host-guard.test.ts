/**
 * DNS rebinding: a page on evil.example pointed at this machine sends `Host: evil.example` with a
 * matching Origin. The guard knows loopback names, IP addresses and the configured origins only.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as signIn } from "@/app/api/instructor/session/route";
import { resetInstructorSecret } from "@/lib/classroom/instructor-secret";
import { freshClassStore, params } from "@/lib/classroom/test-support";
import { checkSameOrigin } from "@/lib/api/same-origin";

const SECRET = "correct horse battery staple";

function mutation(host: string, origin: string): Request {
  return new Request(`http://${host}/api/instructor/session`, {
    method: "POST",
    headers: { host, origin, "content-type": "application/json" },
    body: JSON.stringify({ secret: SECRET }),
  });
}

beforeEach(() => {
  freshClassStore();
  resetInstructorSecret();
  vi.stubEnv("INSTRUCTOR_SECRET", SECRET);
  vi.stubEnv("MESSAGING_LABS_ALLOWED_ORIGINS", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetInstructorSecret();
});

describe("the Host a mutation names", () => {
  it("refuses instructor sign-in through a rebound name (Host: evil.example, Origin: http://evil.example)", async () => {
    const response = await signIn(mutation("evil.example", "http://evil.example"), params({}));
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toContain("reached as evil.example");
    expect(error.message).toContain("MESSAGING_LABS_ALLOWED_ORIGINS");
  });

  it("accepts sign-in on localhost, 127.0.0.1, [::1] and a LAN address, each with its own origin and port", async () => {
    for (const host of ["localhost:3292", "127.0.0.1:3292", "[::1]:3292", "192.168.1.20:3000"]) {
      const response = await signIn(mutation(host, `http://${host}`), params({}));
      expect(response.status, host).toBe(200);
    }
  });

  it("refuses another port of the same host", () => {
    expect(checkSameOrigin(mutation("localhost:3000", "http://localhost:3001"), {}).ok).toBe(false);
  });

  it("accepts a domain name once it is configured, behind a proxy that keeps or rewrites Host", () => {
    const env = { MESSAGING_LABS_ALLOWED_ORIGINS: "https://labs.example.edu" };
    expect(checkSameOrigin(mutation("labs.example.edu", "https://labs.example.edu"), {}).ok).toBe(false);
    expect(checkSameOrigin(mutation("labs.example.edu", "https://labs.example.edu"), env).ok).toBe(true);
    expect(checkSameOrigin(mutation("127.0.0.1:3000", "https://labs.example.edu"), env).ok).toBe(true);
    expect(checkSameOrigin(mutation("evil.example", "https://labs.example.edu"), env).ok).toBe(false);
    expect(checkSameOrigin(mutation("labs.example.edu", "http://evil.example"), env).ok).toBe(false);
  });

  it("refuses an unknown Host even when the browser says same-origin without an Origin", () => {
    const request = new Request("http://evil.example/api/settings", { method: "PUT", headers: { host: "evil.example", "sec-fetch-site": "same-origin" } });
    expect(checkSameOrigin(request, {}).ok).toBe(false);
  });
});
