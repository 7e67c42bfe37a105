import { describe, expect, it } from "vitest";
import { checkEndpoint, remoteEndpointsAllowed } from "./endpoint-policy";

describe("the Endpoint connection's URL", () => {
  it.each([
    ["http://127.0.0.1:4566", "http://127.0.0.1:4566"],
    ["http://localhost:5000/", "http://localhost:5000"],
    ["https://[::1]:4790", "https://[::1]:4790"],
    ["http://127.5.6.7:1234", "http://127.5.6.7:1234"],
    ["http://moto.localhost:5000", "http://moto.localhost:5000"],
  ])("accepts the loopback URL %s", (url, normalised) => {
    expect(checkEndpoint(url, false)).toEqual({ ok: true, endpoint: normalised });
  });

  it.each(["http://10.0.0.5:4566", "http://localstack:4566", "https://sqs.us-east-1.amazonaws.com", "http://169.254.169.254"])(
    "refuses %s unless the operator allows other hosts",
    (url) => {
      const refused = checkEndpoint(url, false);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.reason).toMatch(/MESSAGING_LABS_ALLOW_REMOTE_ENDPOINTS/);
      expect(checkEndpoint(url, true).ok).toBe(true);
    },
  );

  it.each([
    ["127.0.0.1:4566", /full URL/],
    ["ftp://127.0.0.1", /http/],
    ["http://user:secret@127.0.0.1:4566", /user names and passwords/],
    ["http://127.0.0.1:4566/path", /without a path/],
    ["http://127.0.0.1:4566/?x=1", /without a path/],
  ])("refuses the malformed %s", (url, reason) => {
    const refused = checkEndpoint(url, true);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toMatch(reason);
  });

  it("reads the operator's switch from the environment", () => {
    expect(remoteEndpointsAllowed({})).toBe(false);
    expect(remoteEndpointsAllowed({ MESSAGING_LABS_ALLOW_REMOTE_ENDPOINTS: "1" })).toBe(true);
    expect(remoteEndpointsAllowed({ MESSAGING_LABS_ALLOW_REMOTE_ENDPOINTS: "true" })).toBe(true);
  });
});
