import { describe, expect, it } from "vitest";
import { MappingRegistry } from "../registry/mapping-registry";

const student = { prefix: "user3", labId: "cafe-sqs" };

function registryWith(handler: (event: { items: string[] }) => unknown) {
  return new MappingRegistry({ dataDir: null, clients: () => ({ region: "us-east-1" }), handlers: () => handler });
}

describe("events and responses travel as JSON, as they do to and from Lambda", () => {
  it("each invocation gets its own copy of the event: a handler that changes it does not change the next one's", async () => {
    const seen: string[][] = [];
    const registry = registryWith(async (event) => {
      seen.push([...event.items]);
      event.items.push("added by the handler");
    });
    const event = { items: ["latte"] };
    await registry.invoke(student, { handler: "any", functionName: "user3-worker", event });
    await registry.invoke(student, { handler: "any", functionName: "user3-worker", event });
    expect(seen).toEqual([["latte"], ["latte"]]);
    expect(event.items).toEqual(["latte"]);
  });

  it("the response is what its JSON says (a Date becomes a string); one that cannot be serialized is an error", async () => {
    const at = new Date("2026-01-01T00:00:00.000Z");
    const dated = await registryWith(async () => ({ at })).invoke(student, { handler: "any", functionName: "user3-worker", event: { items: [] } });
    expect(dated).toMatchObject({ status: "returned", result: { at: "2026-01-01T00:00:00.000Z" } });

    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const broken = await registryWith(async () => circular).invoke(student, { handler: "any", functionName: "user3-worker", event: { items: [] } });
    expect(broken).toMatchObject({ status: "failed", error: { errorType: "Runtime.MarshalError" } });
  });
});
