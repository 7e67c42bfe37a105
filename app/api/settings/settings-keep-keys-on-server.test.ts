/**
 * Pasted keys go into the server's memory and never come back out: not in the response, not in
 * the cookie, not in the settings the pages read; switching away forgets them.
 */
import { describe, expect, it } from "vitest";
import { GET as readSettings, PUT as saveSettings } from "@/app/api/settings/route";
import { heldSecrets } from "@/lib/aws/key-vault";
import { fakeAccessKeyId, fakeSecretAccessKey } from "@/lib/aws/test/fake-credentials";

const ORIGIN = "http://localhost:3000";
const KEYS = {
  accessKeyId: fakeAccessKeyId("temporary", "settingsroute"),
  secretAccessKey: fakeSecretAccessKey("settingsRoute"),
  sessionToken: "FwoGZXIvYXdzEJr//////////wEaDGV4YW1wbGV0b2tlbiIwSessionTokenValue1234567890abcdefABCDEF",
};

function put(body: unknown, cookie?: string) {
  return new Request(`${ORIGIN}/api/settings`, {
    method: "PUT",
    headers: { host: "localhost:3000", origin: ORIGIN, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

const noParams = { params: Promise.resolve({}) };

describe("pasted keys stay on the server", () => {
  it("are held in memory, reported only as held, and forgotten when the connection changes", async () => {
    const saved = await saveSettings(put({ mode: "aws", source: "keys", keys: KEYS, region: "eu-west-1", prefix: "user3" }), noParams);
    expect(saved.status).toBe(200);
    const cookie = saved.headers.get("set-cookie") ?? "";
    const text = await saved.text();
    for (const secret of Object.values(KEYS)) {
      expect(text).not.toContain(secret);
      expect(cookie).not.toContain(secret);
      expect(Buffer.from(cookie.split(";")[0].split("=")[1], "base64url").toString("utf8")).not.toContain(secret);
    }
    expect(JSON.parse(text).settings).toMatchObject({ mode: "aws", source: "keys", hasKeys: true, region: "eu-west-1", prefix: "user3" });
    expect(cookie).toMatch(/HttpOnly/);
    expect(heldSecrets()).toContain(KEYS.secretAccessKey);

    const settingsCookie = cookie.split(";")[0];
    const read = await readSettings(new Request(`${ORIGIN}/api/settings`, { headers: { cookie: settingsCookie } }), noParams);
    const readText = await read.text();
    for (const secret of Object.values(KEYS)) expect(readText).not.toContain(secret);
    expect(JSON.parse(readText).settings.hasKeys).toBe(true);

    const kept = await saveSettings(put({ mode: "aws", source: "keys", region: "eu-west-2", prefix: "user3" }, settingsCookie), noParams);
    expect(kept.status).toBe(200);
    expect(JSON.parse(await kept.text()).settings).toMatchObject({ hasKeys: true, region: "eu-west-2" });

    const switched = await saveSettings(put({ mode: "embedded", region: "eu-west-1", prefix: "user3" }, settingsCookie), noParams);
    expect(switched.status).toBe(200);
    expect(heldSecrets()).not.toContain(KEYS.secretAccessKey);
  });

  it("asks for keys when none are held", async () => {
    const response = await saveSettings(put({ mode: "aws", source: "keys", region: "us-east-1", prefix: "user3" }), noParams);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe("keys.accessKeyId");
  });

  it("refuses malformed keys without echoing them", async () => {
    const bad = { accessKeyId: "not a key", secretAccessKey: "Zx8vQ2mN4pL6kJ7hG9fD1sA3wE5rT0yUiOpLkJhG" };
    const response = await saveSettings(put({ mode: "aws", source: "keys", keys: bad, region: "us-east-1", prefix: "user3" }), noParams);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain(bad.secretAccessKey);
    expect(text).not.toContain("not a key");
  });
});
