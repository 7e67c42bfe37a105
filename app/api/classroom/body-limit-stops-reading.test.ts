/**
 * A body over 64 KiB is answered 413 after reading at most the limit and a chunk: the rest is
 * never pulled from the stream (the bytes pulled are counted), so 16 MiB cost no memory.
 */
import { describe, expect, it } from "vitest";
import { POST as join } from "@/app/api/classroom/join/route";
import { freshClassStore, ORIGIN, params } from "@/lib/classroom/test-support";
import { MAX_BODY_BYTES, readBody } from "@/lib/api/route";

const CHUNK = 16 * 1024;

/** A JSON-looking body of `total` bytes, produced a chunk at a time on demand; `pulled` counts what was asked for. */
function chunkedBody(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let produced = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (produced >= total) return controller.close();
        const size = Math.min(CHUNK, total - produced);
        const chunk = new Uint8Array(size).fill(0x20);
        if (produced === 0) chunk.set(new TextEncoder().encode('{"code":"'));
        produced += size;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => produced };
}

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}/api/classroom/join`, {
    method: "POST",
    headers: { host: "localhost:3000", origin: ORIGIN, "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

describe("the request body limit", () => {
  it("stops reading a 16 MiB body sent in chunks at the limit and answers 413", async () => {
    const { stream, pulled } = chunkedBody(16 * 1024 * 1024);
    const read = await readBody(post(stream));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.response.status).toBe(413);
    expect(((await read.response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "PayloadTooLarge",
      message: "The request is larger than 64 KiB, so the workbook stopped reading it.",
    });
    expect(pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * CHUNK);
  });

  it("refuses a declared Content-Length over the limit without reading a byte", async () => {
    const { stream, pulled } = chunkedBody(1024 * 1024);
    const read = await readBody(post(stream, { "content-length": String(1024 * 1024) }));
    expect(read.ok ? 200 : read.response.status).toBe(413);
    expect(pulled()).toBe(0);
  });

  it("reads a body of exactly the limit", async () => {
    const padding = " ".repeat(MAX_BODY_BYTES - '{"code":"x"}'.length);
    const read = await readBody(post(`{"code":"x"}${padding}`));
    expect(read).toEqual({ ok: true, value: { code: "x" } });
  });

  it("an anonymous 16 MiB POST to the join route gets 413, not a buffered body", async () => {
    freshClassStore();
    const { stream, pulled } = chunkedBody(16 * 1024 * 1024);
    const response = await join(post(stream), params({}));
    expect(response.status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * CHUNK);
  });
});
