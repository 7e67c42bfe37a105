import { afterEach, describe, expect, it } from "vitest";
import { forgetKeys, storeKeys } from "./key-vault";
import { REDACTED, redactSecrets } from "./redact";
import { fakeAccessKeyId, fakeSecretAccessKey } from "./test/fake-credentials";

const ids: string[] = [];
afterEach(() => {
  for (const id of ids.splice(0)) forgetKeys(id);
});

describe("redaction", () => {
  it("removes every key the vault holds, whatever its shape", () => {
    ids.push(storeKeys({ accessKeyId: "ZZTESTKEY0000000001", secretAccessKey: "short-but-secret-value", sessionToken: "tok3n" }));
    const text = "failed for ZZTESTKEY0000000001 with short-but-secret-value";
    expect(redactSecrets(text)).toBe(`failed for ${REDACTED} with ${REDACTED}`);
  });

  it("removes access key ids, secret keys and session tokens it has never seen", () => {
    const keyId = fakeAccessKeyId("long-term", "redact");
    const secret = fakeSecretAccessKey("redact");
    const token = "IQoJb3JpZ2luX2VjEJr".padEnd(300, "Ab9+/");
    const text = `key ${keyId} secret ${secret} token ${token} end`;
    const out = redactSecrets(text);
    expect(out).not.toContain(keyId);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(token.slice(0, 40));
    expect(out.startsWith("key [redacted] secret [redacted] token [redacted] end")).toBe(true);
  });

  it("leaves ordinary text, ARNs of users and request ids alone", () => {
    const text = "User: arn:aws:iam::123456789012:user/student is not authorized (request 4d6c2b3e-2a36-4fd1-9a0e-7c3b0e1c9a10)";
    expect(redactSecrets(text)).toBe(text);
  });
});
