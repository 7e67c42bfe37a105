/**
 * The e2e tests' own workbook server: a production build in its own folder (.next-e2e), started on
 * its own port with its own local cloud (own port, state in a temporary folder), so it never meets
 * a developer's `npm run dev`. Everything it prints also goes to a log file the credential test
 * reads, and the local cloud's folder is named in a file beside it.
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const port = process.env.E2E_PORT ?? "3290";
const logDir = path.resolve(process.env.E2E_SERVER_DIR ?? "test-results/e2e-server");
mkdirSync(logDir, { recursive: true });
const dataDir = mkdtempSync(path.join(os.tmpdir(), "messaging-labs-e2e-"));
writeFileSync(path.join(logDir, "localcloud-data-dir.txt"), dataDir);
const log = createWriteStream(path.join(logDir, "server.log"));

const env = {
  ...process.env,
  NEXT_DIST_DIR: process.env.E2E_DIST_DIR ?? ".next-e2e",
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_BUILD_SKIP_TYPECHECK: "1",
  LOCALCLOUD_PORT: process.env.E2E_LOCALCLOUD_PORT ?? "4990",
  LOCALCLOUD_DATA: dataDir,
  LOCALCLOUD_EPHEMERAL: "0",
  PORT: port,
};

let child = null;
function run(args) {
  return new Promise((resolve) => {
    child = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on("data", (chunk) => {
        process.stdout.write(chunk);
        log.write(chunk);
      });
    }
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function cleanUp() {
  try {
    rmSync(dataDir, { recursive: true, force: true });
  } catch {
    // Best effort: a temporary folder.
  }
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (child && child.exitCode === null) child.kill(signal);
    setTimeout(() => {
      cleanUp();
      process.exit(0);
    }, 500);
  });
}

if (process.env.E2E_SKIP_BUILD !== "1") {
  const built = await run(["build"]);
  if (built !== 0) {
    cleanUp();
    process.exit(built);
  }
}
const code = await run(["start", "-p", port, "-H", "127.0.0.1"]);
cleanUp();
process.exit(code);
