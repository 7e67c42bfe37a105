import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listProfiles } from "./profiles";
import { fakeAccessKeyId, fakeSecretAccessKey } from "./test/fake-credentials";

describe("profile names from the AWS files", () => {
  it("lists names from both files, default first, and nothing else from them", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "aws-profiles-"));
    const config = path.join(dir, "config");
    const credentials = path.join(dir, "credentials");
    await writeFile(config, "[default]\nregion = eu-west-1\n[profile dev]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\n");
    await writeFile(credentials, `[ci]\naws_access_key_id = ${fakeAccessKeyId("long-term", "ci")}\naws_secret_access_key = ${fakeSecretAccessKey("ci")}\n[default]\n`);
    const result = await listProfiles({ HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials });
    expect(result.profiles).toEqual(["default", "ci", "dev"]);
    expect(JSON.stringify(result)).not.toContain("AKIA");
  });

  it("answers with no profiles when the files are missing", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "aws-none-"));
    expect((await listProfiles({ HOME: dir })).profiles).toEqual([]);
  });
});
