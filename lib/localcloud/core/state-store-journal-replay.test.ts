import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ClassicLevel } from "classic-level";
import { afterEach, describe, expect, it } from "vitest";
import { StateStore } from "./persistence";
import { CHECKPOINT_KEY, encodeJournal, journalKey } from "./state-journal";

/** Journals as a kill -9 leaves them: synced, not yet checkpointed into the records. */
async function leaveJournals(dir: string, checkpoint: number, records: Record<string, unknown>, journals: Array<[number, Array<[string, unknown]>]>) {
  const db = new ClassicLevel<string, string>(path.join(dir, "state"), { valueEncoding: "utf8" });
  await db.open();
  for (const [key, value] of Object.entries(records)) await db.put(key, JSON.stringify(value));
  if (checkpoint > 0) await db.put(CHECKPOINT_KEY, String(checkpoint));
  for (const [seq, writes] of journals) {
    await db.put(journalKey(seq), encodeJournal(new Map(writes.map(([key, value]) => [key, value === null ? null : JSON.stringify(value)]))));
  }
  await db.close();
}

async function rawKeys(dir: string): Promise<string[]> {
  const db = new ClassicLevel<string, string>(path.join(dir, "state"), { valueEncoding: "utf8" });
  await db.open();
  const keys = await db.keys().all();
  await db.close();
  return keys;
}

describe("state store: journal replay after a crash", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-journal-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("replays the journals after the checkpoint in order over the records, and checkpoints them on close", async () => {
    const dir = tempDir();
    await leaveJournals(dir, 4, { "sqs/r/q/m/1": { n: 1 }, "sqs/r/q/m/2": { n: 2 } }, [
      [5, [["sqs/r/q/m/1", { n: 10 }], ["sqs/r/q/m/3", { n: 3 }]]],
      [6, [["sqs/r/q/m/2", null], ["sqs/r/q/m/3", { n: 30 }], ["sqs/r/q/m/4", { n: 4 }]]],
      [7, [["sqs/r/q/m/4", null], ["sqs/r/q/m/6", { n: 6 }]]],
      [8, [["sqs/r/q/m/6", null]]],
      [9, [["sqs/r/q/m/6", { n: 60 }]]],
    ]);
    const store = await StateStore.open({ dir });
    expect(store.readAll("sqs/")).toEqual([
      { key: "sqs/r/q/m/1", data: { n: 10 } },
      { key: "sqs/r/q/m/3", data: { n: 30 } },
      { key: "sqs/r/q/m/6", data: { n: 60 } },
    ]);
    store.put("sqs/r/q/m/5", { n: 5 });
    await store.close();
    expect(await rawKeys(dir)).toEqual(["sqs/r/q/m/1", "sqs/r/q/m/3", "sqs/r/q/m/5", "sqs/r/q/m/6", CHECKPOINT_KEY]);

    const again = await StateStore.open({ dir });
    expect(again.readAll("sqs/").map((r) => r.data)).toEqual([{ n: 10 }, { n: 30 }, { n: 5 }, { n: 60 }]);
    await again.close();
  });

  it("drops a journal after a gap (synced before an earlier batch that never was, so never acknowledged) before writing anew", async () => {
    const dir = tempDir();
    await leaveJournals(dir, 0, { "sqs/r/q/meta": { next: 1 } }, [
      [1, [["sqs/r/q/meta", { next: 2 }]]],
      [3, [["sqs/r/q/meta", { next: 4 }], ["sqs/r/q/m/3", { n: 3 }]]],
    ]);
    const store = await StateStore.open({ dir });
    expect(store.readAll("sqs/")).toEqual([{ key: "sqs/r/q/meta", data: { next: 2 } }]);
    store.put("sqs/r/q/m/2", { n: 2 });
    await store.durable();
    await store.close();
    const again = await StateStore.open({ dir });
    expect(again.readAll("sqs/")).toEqual([
      { key: "sqs/r/q/m/2", data: { n: 2 } },
      { key: "sqs/r/q/meta", data: { next: 2 } },
    ]);
    await again.close();
  });

  it("checkpoints in the background: the journals are folded into the records and deleted, with nobody waiting", async () => {
    const dir = tempDir();
    const store = await StateStore.open({ dir });
    for (let i = 0; i < 50; i++) {
      store.put(`sqs/r/q/m/${i}`, { i });
      if (i % 2 === 1) store.delete(`sqs/r/q/m/${i - 1}`);
      await store.durable();
    }
    expect(store.commits).toBe(50);
    await store.close();
    expect(store.checkpoints).toBeGreaterThanOrEqual(1);
    const keys = await rawKeys(dir);
    expect(keys.filter((k) => k.startsWith("~journal/"))).toEqual([]);
    expect(keys.filter((k) => k.startsWith("sqs/"))).toHaveLength(25);
  });
});
