import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keySegment, StateStore } from "./persistence";

describe("state store", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-store-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("writes dirty parts atomically and reads them back", async () => {
    const dir = tempDir();
    const store = new StateStore({ dir });
    let value = { n: 1 };
    store.markDirty("sqs/us-east-1/orders", () => value);
    value = { n: 2 };
    await store.flush();
    const again = new StateStore({ dir });
    expect(again.readAll("sqs/")).toEqual([{ key: "sqs/us-east-1/orders", data: { n: 2 } }]);
    expect(fs.readdirSync(path.join(dir, "sqs", "us-east-1"))).toEqual(["orders.json"]);
  });

  it("removes parts and flushes on its own shortly after a change", async () => {
    const dir = tempDir();
    const store = new StateStore({ dir, flushIntervalMs: 10 });
    store.markDirty("sns/topic", () => ({ a: 1 }));
    await new Promise((r) => setTimeout(r, 60));
    expect(store.read("sns/topic")).toEqual({ a: 1 });
    store.remove("sns/topic");
    await store.flush();
    expect(store.read("sns/topic")).toBeUndefined();
  });

  it("skips a corrupt file instead of failing the start", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "sqs"));
    fs.writeFileSync(path.join(dir, "sqs", "bad.json"), "{not json");
    fs.writeFileSync(path.join(dir, "sqs", "good.json"), '{"ok":true}');
    const store = new StateStore({ dir });
    expect(store.readAll("sqs/")).toEqual([{ key: "sqs/good", data: { ok: true } }]);
  });

  it("refuses keys that could escape the folder", () => {
    const store = new StateStore({ dir: tempDir() });
    expect(() => store.markDirty("../evil", () => 1)).toThrow();
    expect(() => store.markDirty("a/../../b", () => 1)).toThrow();
    expect(keySegment("orders.fifo")).toBe("orders.fifo");
    expect(keySegment("a/b:c")).not.toContain("/");
  });

  it("does nothing in memory-only mode", async () => {
    const store = new StateStore({ dir: null });
    store.markDirty("x", () => 1);
    await store.flush();
    expect(store.readAll("")).toEqual([]);
    expect(store.persistent).toBe(false);
  });
});
