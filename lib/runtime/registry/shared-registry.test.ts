import { afterEach, describe, expect, it } from "vitest";
import { closeSharedRegistry, sharedRegistry } from "./shared-registry";

describe("one registry per process", () => {
  afterEach(() => closeSharedRegistry());

  it("hands every caller the same started registry, however often the module is loaded", async () => {
    let created = 0;
    const options = () => {
      created += 1;
      return { dataDir: null, clients: () => null, handlers: () => undefined };
    };
    const [a, b] = await Promise.all([sharedRegistry(options), sharedRegistry(options)]);
    expect(a).toBe(b);
    expect(created).toBe(1);
    await closeSharedRegistry();
    const c = await sharedRegistry(options);
    expect(c).not.toBe(a);
    expect(created).toBe(2);
  });
});
