/**
 * Reads a request body up to a limit and stops there: past the limit the stream is cancelled
 * (the server stops reading the socket), so an oversized body is never held in memory.
 */
export type BoundedText = { ok: true; text: string } | { ok: false; bytesRead: number };

export async function readTextUpTo(body: ReadableStream<Uint8Array> | null, limit: number): Promise<BoundedText> {
  if (!body) return { ok: true, text: "" };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let bytesRead = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytesRead += value.byteLength;
      if (bytesRead > limit) {
        await reader.cancel("The request body is over the limit.").catch(() => {});
        return { ok: false, bytesRead };
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}
