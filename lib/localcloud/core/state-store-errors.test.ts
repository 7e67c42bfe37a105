import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ClassicLevel } from "classic-level";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalCloud } from "../index";
import { StateStore, StateStoreError } from "./persistence";

describe("a data folder the local cloud cannot use stops it with a message naming the folder, never an empty start", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-store-errors-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("held by another local cloud: names the folder and says to stop the other one or pick another folder", async () => {
    const dir = tempDir();
    const first = await StateStore.open({ dir });
    const error = await StateStore.open({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateStoreError);
    expect(error).toMatchObject({ locked: true, location: path.join(dir, "state") });
    expect((error as Error).message).toBe(
      `The data folder ${path.join(dir, "state")} is in use by another local cloud (its LevelDB LOCK file is held). ` +
        "Stop the other local cloud, or start this one with another folder (--data DIR or LOCALCLOUD_DATA) or --ephemeral.",
    );
    await first.close();
    await (await StateStore.open({ dir })).close();
  });

  it("a garbled record: names the record and the folder, changes nothing, and frees the folder", async () => {
    const dir = tempDir();
    const seeded = await startLocalCloud({ port: 0, dataDir: dir });
    await seeded.close();
    const db = new ClassicLevel<string, string>(path.join(dir, "state"), { valueEncoding: "utf8" });
    await db.put("sqs/us-east-1/orders/meta", '{"name":"orders",');
    await db.close();

    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await startLocalCloud({ port: 0, dataDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateStoreError);
      expect((error as Error).message).toMatch(
        new RegExp(`^The local cloud cannot read record "sqs/us-east-1/orders/meta" in its data folder ${path.join(dir, "state")}: .+ Nothing was changed; move the folder aside`),
      );
    }
    const check = new ClassicLevel<string, string>(path.join(dir, "state"), { valueEncoding: "utf8" });
    expect(await check.get("sqs/us-east-1/orders/meta")).toBe('{"name":"orders",');
    await check.close();
  });

  it("a damaged database file: names the folder and says how to start empty or restore", async () => {
    const dir = tempDir();
    await (await StateStore.open({ dir })).close();
    fs.writeFileSync(path.join(dir, "state", "CURRENT"), "MANIFEST-999999\n");
    const error = await StateStore.open({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateStoreError);
    expect((error as Error).message).toMatch(new RegExp(`^The local cloud cannot read its data folder ${path.join(dir, "state")}: .+Its files are damaged`));
  });
});
