/**
 * Where classes and the session signing key are kept: beside the local cloud's state (so a
 * restarted server still knows its classes and its students stay signed in), or nowhere when the
 * server keeps everything in memory (tests, LOCALCLOUD_EPHEMERAL=1). CLASSROOM_DATA overrides it.
 */
import path from "node:path";

export function classroomDataDir(env: Record<string, string | undefined> = process.env): string | null {
  if (env.CLASSROOM_DATA) return path.resolve(env.CLASSROOM_DATA);
  if (env.VITEST) return null;
  if (env.LOCALCLOUD_EPHEMERAL === "1" || env.LOCALCLOUD_EPHEMERAL === "true") return null;
  return path.join(path.resolve(env.LOCALCLOUD_DATA || ".localcloud"), "classroom");
}
