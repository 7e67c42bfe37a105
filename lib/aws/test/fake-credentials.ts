/**
 * Credentials for tests, shaped like AWS's (the shape matters where redaction or validation is
 * tested) but put together when the test runs, so the repository holds no literal that reads as
 * an AWS key to a secret scanner. None of them was ever a real key.
 */

/** `AKIA…` (long-term) or `ASIA…` (temporary) followed by 16 capitals and digits from `tag`. */
export function fakeAccessKeyId(kind: "long-term" | "temporary", tag: string): string {
  const prefix = kind === "long-term" ? ["AK", "IA"] : ["AS", "IA"];
  const body = tag.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(16, "0").slice(0, 16);
  return prefix.join("") + body;
}

/** 40 characters of base64 alphabet mixing cases and digits, as a secret access key is. */
export function fakeSecretAccessKey(tag: string): string {
  const letters = tag.replace(/[^A-Za-z0-9]/g, "");
  return `${letters}Fake9Secret`.padEnd(40, "Kq7/").slice(0, 40);
}
