/**
 * The profile names in the user's ~/.aws/config and ~/.aws/credentials (or the files the
 * AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE variables name). Only names are read out; the
 * SDK's own fromIni provider reads the credentials when a call is made.
 */
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface ProfileList {
  profiles: string[];
  /** The files that were read, for the settings page to say where names came from. */
  files: string[];
}

function sections(text: string, file: "config" | "credentials"): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*\[\s*([^\]]+?)\s*\]\s*$/.exec(line);
    if (!match) continue;
    const header = match[1];
    if (file === "credentials") names.push(header);
    else if (header === "default") names.push("default");
    else if (header.startsWith("profile ")) names.push(header.slice("profile ".length).trim());
  }
  return names;
}

export async function listProfiles(env: Record<string, string | undefined> = process.env): Promise<ProfileList> {
  const home = env.HOME || os.homedir();
  const files = {
    config: env.AWS_CONFIG_FILE || path.join(home, ".aws", "config"),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, ".aws", "credentials"),
  };
  const found = new Set<string>();
  const read: string[] = [];
  for (const kind of ["config", "credentials"] as const) {
    try {
      const text = await readFile(files[kind], "utf8");
      read.push(files[kind]);
      for (const name of sections(text, kind)) if (/^[A-Za-z0-9_.@+=,-]+$/.test(name)) found.add(name);
    } catch {
      // A missing file simply contributes no profiles.
    }
  }
  return { profiles: [...found].sort((a, b) => (a === "default" ? -1 : b === "default" ? 1 : a.localeCompare(b))), files: read };
}
