/**
 * Unpacked function code: each zip is unpacked once per CodeSha256 into `<workDir>/<sha>/`
 * (into a temporary folder first, then renamed, so a half-written folder is never used; what an
 * earlier run left is removed when the pool starts), and
 * `<workDir>/node_modules/` links the workbook's `@aws-sdk` and `@smithy` packages, which Node's
 * resolution finds from every unpacked folder, as Lambda's Node.js runtime provides them; a zip
 * that bundles its own copy in its node_modules is found first and used.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { unzipSync } from "fflate";

/** The runtime's packages the code can require without bundling them. */
const PROVIDED_SCOPES = ["@aws-sdk", "@smithy"];
/** Entries of the work folder that are not unpacked code. */
const KEPT = new Set(["node_modules", ".runtime"]);

export class CodeStore {
  private readonly unpacking = new Map<string, Promise<string>>();

  constructor(
    private readonly workDir: string,
    nodeModulesDir: string,
  ) {
    mkdirSync(workDir, { recursive: true });
    // Code unpacked by an earlier run (or half-unpacked when it stopped) is unpacked again on
    // demand, so the folder holds only the code this run uses.
    for (const entry of readdirSync(workDir)) {
      if (!KEPT.has(entry)) rmSync(join(workDir, entry), { recursive: true, force: true });
    }
    const provided = join(workDir, "node_modules");
    mkdirSync(provided, { recursive: true });
    for (const scope of PROVIDED_SCOPES) {
      const link = join(provided, scope);
      const target = join(nodeModulesDir, scope);
      if (!existsSync(link) && existsSync(target)) symlinkSync(target, link, "dir");
    }
  }

  /** The folder holding this code, unpacked now if it was not already. */
  taskRoot(codeSha256: string, zip: () => Buffer | Uint8Array | Promise<Buffer | Uint8Array>): Promise<string> {
    const dir = join(this.workDir, folderName(codeSha256));
    if (existsSync(dir)) return Promise.resolve(dir);
    let pending = this.unpacking.get(dir);
    if (!pending) {
      pending = Promise.resolve()
        .then(zip)
        .then((bytes) => unpackInto(dir, bytes))
        .finally(() => this.unpacking.delete(dir));
      this.unpacking.set(dir, pending);
    }
    return pending;
  }
}

/** A folder name from a base64 sha256 (which may hold `/` and `+`). */
function folderName(codeSha256: string): string {
  if (/^[A-Za-z0-9+/]{43}=?$/.test(codeSha256)) return codeSha256.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return createHash("sha256").update(codeSha256).digest("hex");
}

function unpackInto(dir: string, bytes: Buffer | Uint8Array): string {
  const files = unzipSync(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  const temp = `${dir}.tmp-${randomBytes(6).toString("hex")}`;
  mkdirSync(temp, { recursive: true });
  try {
    for (const [name, content] of Object.entries(files)) {
      const target = resolve(temp, name);
      if (target !== temp && !target.startsWith(temp + sep)) throw new Error(`The zip entry ${name} points outside the function's folder.`);
      if (name.endsWith("/")) {
        mkdirSync(target, { recursive: true });
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    renameSync(temp, dir);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    // Another pool (or an earlier run) unpacked the same code first: use it.
    if (existsSync(dir)) return dir;
    throw error;
  }
  return dir;
}
