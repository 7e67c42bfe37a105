import { VirtualClock } from "../../core/clock";
import { afterAll, describe, expect, it, vi } from "vitest";
import { again, invocation, messages, poolForTests } from "./test-support";

const LOGGING = {
  "index.js": `
    console.log("loading", { stage: "init" });
    exports.handler = async (event) => {
      console.log("order", event.id);
      console.info("info line");
      console.warn("careful");
      console.error(new Error("shown"));
      console.debug("debugging");
      console.log("two\\nlines");
      console.log(JSON.stringify({ level: "INFO", message: "structured" }));
      process.stdout.write('{"level":"ERROR","message":"raw json"}\\n');
      process.stderr.write("partial ");
      process.stderr.write("line");
      return "done";
    };`,
};

describe("log capture", () => {
  const clock = new VirtualClock(86_400_000);
  const bed = poolForTests({ clock });
  afterAll(() => clock.stop());

  it("turns console output into Lambda's text lines, keeps raw output as written, and init output goes to the first invocation", async () => {
    const hostWrites = vi.spyOn(process.stdout, "write");
    const input = invocation(LOGGING, { event: '{"id":"o-1"}' });
    const result = await bed.pool.invoke(input);
    const id = input.context.requestId;
    const stamp = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z`;
    const lines = messages(result.logLines);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(new RegExp(`^${stamp}\tundefined\tINFO\tloading { stage: 'init' }$`));
    expect(lines[1]).toMatch(new RegExp(`^${stamp}\t${id}\tINFO\torder o-1$`));
    expect(lines.slice(2, 8).map((line) => line.split("\t").slice(1, 3).join(" "))).toEqual([`${id} INFO`, `${id} WARN`, `${id} ERROR`, `${id} DEBUG`, `${id} INFO`, `${id} INFO`]);
    expect(lines[4]).toMatch(new RegExp(`\tERROR\tError: shown\n    at `));
    expect(lines[6]).toMatch(/\tINFO\ttwo\nlines$/);
    expect(lines[7]).toMatch(/\tINFO\t\{"level":"INFO","message":"structured"\}$/);
    expect(lines.slice(8)).toEqual(['{"level":"ERROR","message":"raw json"}', "partial line"]);
    // Timestamps are the pool's clock (a day ahead of real time here), and every line is in the text.
    for (const line of result.logLines) expect(Math.abs(line.timestamp - clock.now())).toBeLessThan(60_000);
    expect(result.logLines[1].message.slice(0, 24)).toBe(new Date(result.logLines[1].timestamp).toISOString());
    expect(hostWrites.mock.calls.some(([chunk]) => String(chunk).includes("order o-1") || String(chunk).includes("raw json"))).toBe(false);
    hostWrites.mockRestore();

    const warm = messages((await bed.pool.invoke(again(input, { event: '{"id":"o-2"}' }))).logLines);
    expect(warm).toHaveLength(9);
    expect(warm[0]).toMatch(/\tINFO\torder o-2$/);
  });

  it("writes JSON lines with AWS_LAMBDA_LOG_FORMAT=JSON, filtered by AWS_LAMBDA_LOG_LEVEL", async () => {
    const input = invocation(
      { "index.js": "exports.handler = async () => { console.debug('hidden'); console.info('shown', 1); console.warn({ orderId: 'o-1' }); return 1; };" },
      { environment: { AWS_LAMBDA_LOG_FORMAT: "JSON", AWS_LAMBDA_LOG_LEVEL: "INFO" } },
    );
    const result = await bed.pool.invoke(input);
    const entries = messages(result.logLines).map((line) => JSON.parse(line));
    expect(entries).toEqual([
      { timestamp: expect.any(String), level: "INFO", requestId: input.context.requestId, message: "shown 1" },
      { timestamp: expect.any(String), level: "WARN", requestId: input.context.requestId, message: { orderId: "o-1" } },
    ]);
  });

  it("gives output written between invocations to the next invocation", async () => {
    const input = invocation({
      "index.js": "exports.handler = async (event) => { if (event.wait) await new Promise((r) => setTimeout(r, 20)); setImmediate(() => console.log('after the response')); return 1; };",
    });
    expect(messages((await bed.pool.invoke(input)).logLines)).toEqual([]);
    const next = messages((await bed.pool.invoke(again(input, { event: '{"wait":true}' }))).logLines);
    expect(next).toHaveLength(1);
    // Tagged with whichever request was current when it ran (Lambda thaws a frozen environment the same way).
    expect(next[0]).toMatch(/\tINFO\tafter the response$/);
  });
});
