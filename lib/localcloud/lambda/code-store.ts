/**
 * Function zips, stored once per CodeSha256: as files under the store's `lambda/code/` folder
 * (written atomically and synchronously, before CreateFunction answers), or in memory when the
 * cloud is ephemeral. The hex form of the sha names the file.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { StateStore } from "../core/persistence";

export function sha256Base64(zip: Buffer): string {
  return createHash("sha256").update(zip).digest("base64");
}

export function shaHex(codeSha256: string): string {
  return Buffer.from(codeSha256, "base64").toString("hex");
}

export class CodeStore {
  private readonly folder: string | null;
  private readonly memory = new Map<string, Buffer>();

  constructor(store: StateStore) {
    const base = store.folder("lambda");
    this.folder = base ? path.join(base, "code") : null;
    if (this.folder) fs.mkdirSync(this.folder, { recursive: true });
  }

  /** Keeps the zip and returns its CodeSha256. */
  put(zip: Buffer): string {
    const sha = sha256Base64(zip);
    if (!this.folder) {
      this.memory.set(sha, zip);
      return sha;
    }
    const file = this.fileOf(sha);
    if (fs.existsSync(file)) return sha;
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, "w");
    try {
      fs.writeFileSync(fd, zip);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    return sha;
  }

  get(codeSha256: string): Buffer | undefined {
    if (!this.folder) return this.memory.get(codeSha256);
    const file = this.fileOf(codeSha256);
    return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
  }

  /** Forgets a zip no function uses any more. */
  drop(codeSha256: string): void {
    if (!this.folder) this.memory.delete(codeSha256);
    else fs.rmSync(this.fileOf(codeSha256), { force: true });
  }

  private fileOf(codeSha256: string): string {
    return path.join(this.folder as string, `${shaHex(codeSha256)}.zip`);
  }
}
