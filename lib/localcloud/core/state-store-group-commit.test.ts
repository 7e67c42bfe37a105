import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keySegment, StateStore } from "./persistence";

describe("state store: records, parts and group commit", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-store-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("keeps records and part snapshots in one database and reads them back in key order after a reopen", async () => {
    const dir = tempDir();
    const store = await StateStore.open({ dir });
    let part = { n: 1 };
    store.markDirty("sqs/us-east-1/orders/meta", () => part);
    part = { n: 2 };
    store.put("sqs/us-east-1/orders/m/2", { body: "b" });
    store.put("sqs/us-east-1/orders/m/1", { body: "a" });
    store.put("sqs/us-east-1/orders-dlq/meta", { dlq: true });
    store.put("kinesis/x", 1);
    store.delete("kinesis/x");
    expect(store.read("sqs/us-east-1/orders/meta")).toEqual({ n: 2 });
    await store.close();

    const again = await StateStore.open({ dir });
    expect(again.readAll("sqs/us-east-1/orders/")).toEqual([
      { key: "sqs/us-east-1/orders/m/1", data: { body: "a" } },
      { key: "sqs/us-east-1/orders/m/2", data: { body: "b" } },
      { key: "sqs/us-east-1/orders/meta", data: { n: 2 } },
    ]);
    expect(again.keysUnder("sqs/")).toHaveLength(4);
    expect(again.read("kinesis/x")).toBeUndefined();
    expect(fs.readdirSync(dir)).toEqual(["state"]);
    await again.close();
  });

  it("commits every write of one turn in one synced batch, and collects the next batch while one is in flight", async () => {
    const store = await StateStore.open({ dir: tempDir() });
    for (let i = 0; i < 100; i++) store.put(`sqs/r/q/m/${i}`, { i });
    expect(store.hasUnsynced).toBe(true);
    const first = store.durable();
    await new Promise((resolve) => setImmediate(resolve)); // the first batch is now in flight
    for (let i = 100; i < 150; i++) store.put(`sqs/r/q/m/${i}`, { i });
    const second = store.durable();
    await first;
    await second;
    expect(store.commits).toBe(2);
    expect(store.hasUnsynced).toBe(false);
    await store.durable(); // nothing pending: resolves without a commit
    expect(store.commits).toBe(2);
    await store.close();
  });

  it("takes a part's snapshot when the batch is cut, so many changes to one part cost one write", async () => {
    const store = await StateStore.open({ dir: tempDir() });
    let calls = 0;
    const state = { n: 0 };
    for (let i = 0; i < 1000; i++) {
      state.n = i;
      store.markDirty("iam/roles/r", () => {
        calls += 1;
        return state;
      });
    }
    await store.durable();
    expect(calls).toBe(1);
    expect(store.read("iam/roles/r")).toEqual({ n: 999 });
    await store.close();
  });

  it("is a no-op without a folder", async () => {
    const store = await StateStore.open({ dir: null });
    store.put("a", 1);
    store.markDirty("b", () => 2);
    expect(store.persistent).toBe(false);
    expect(store.hasUnsynced).toBe(false);
    expect(store.readAll("")).toEqual([]);
    await store.durable();
    await store.close();
  });

  it("refuses keys that are not plain path segments, and keySegment makes any name one", async () => {
    const store = await StateStore.open({ dir: tempDir() });
    expect(() => store.put("../escape", 1)).toThrow(/Invalid state key/);
    expect(() => store.markDirty("a//b", () => 1)).toThrow(/Invalid state key/);
    expect(() => store.put(`sqs/${keySegment("orders:blue/green")}`, 1)).not.toThrow();
    await store.close();
  });
});
