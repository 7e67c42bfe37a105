import { describe, expect, it } from "vitest";
import { checkSameOrigin } from "./same-origin";

function request(method: string, headers: Record<string, string>) {
  return new Request("http://localhost:3000/api/settings", { method, headers: { host: "localhost:3000", ...headers } });
}

describe("the same-origin guard on mutations", () => {
  it("lets reads through whatever their origin", () => {
    expect(checkSameOrigin(request("GET", { origin: "https://evil.example" })).ok).toBe(true);
  });

  it("accepts a mutation from this workbook's own origin", () => {
    expect(checkSameOrigin(request("POST", { origin: "http://localhost:3000" })).ok).toBe(true);
    expect(checkSameOrigin(request("PUT", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" })).ok).toBe(true);
  });

  it("refuses a mutation from another site", () => {
    const checked = checkSameOrigin(request("POST", { origin: "https://evil.example" }));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toContain("https://evil.example");
    expect(checkSameOrigin(request("DELETE", { origin: "http://localhost:3001" })).ok).toBe(false);
    expect(checkSameOrigin(request("POST", { origin: "http://localhost:3000", "sec-fetch-site": "cross-site" })).ok).toBe(false);
  });

  it("refuses a mutation that does not say where it comes from, unless the browser says same-origin", () => {
    expect(checkSameOrigin(request("POST", {})).ok).toBe(false);
    expect(checkSameOrigin(request("POST", { origin: "null" })).ok).toBe(false);
    expect(checkSameOrigin(request("POST", { "sec-fetch-site": "same-origin" })).ok).toBe(true);
  });

  it("accepts the public origins an operator lists behind a proxy", () => {
    const behindProxy = request("POST", { origin: "https://labs.example.edu" });
    expect(checkSameOrigin(behindProxy, {}).ok).toBe(false);
    expect(checkSameOrigin(behindProxy, { MESSAGING_LABS_ALLOWED_ORIGINS: "https://labs.example.edu/, https://other" }).ok).toBe(true);
  });
});
