/**
 * moto_server for tests: the reference peer of the differential tests, and the other
 * AWS-compatible endpoint the labs and the runtime are tried on. Started on a free port and
 * stopped by the test; where it is not installed, tests skip and say so with `motoSkipReason`.
 */
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll } from "vitest";

export const motoAvailable = spawnSync("sh", ["-c", "command -v moto_server"], { stdio: "ignore" }).status === 0;

/** Appended to the name of a test that needs moto_server: why it skipped, or nothing. */
export const motoSkipReason = motoAvailable ? "" : " (skipped: moto_server not installed)";

export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
}

export interface MotoOptions {
  /** The account moto_server answers as (its own default is 123456789012). */
  accountId?: string;
  /** More environment for moto_server, such as INITIAL_NO_AUTH_ACTION_COUNT for IAM enforcement. */
  env?: Record<string, string>;
}

const STARTUP_LIMIT_MS = 25_000;

/** Starts moto_server on a free port and waits until it answers; fails if it does not. */
export async function startMoto(options: MotoOptions = {}): Promise<MotoServer> {
  const port = await freePort();
  const env = { ...process.env, ...(options.accountId ? { MOTO_ACCOUNT_ID: options.accountId } : {}), ...options.env };
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore", env });
  let spawnError: Error | undefined;
  child.once("error", (error) => (spawnError = error));
  const server: MotoServer = {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`moto_server did not start: ${spawnError.message}`);
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode} before it answered.`);
    const answered = await fetch(`${server.endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return server;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await server.stop();
  throw new Error(`moto_server did not answer within ${STARTUP_LIMIT_MS / 1000} s.`);
}

/**
 * moto_server for the tests of the file (or describe block) it is called in: started before them
 * where it is installed, stopped after. Read `moto.endpoint` inside tests and later hooks.
 */
export function motoForTests(options: MotoOptions = {}): { endpoint: string } {
  const moto = { endpoint: "" };
  let server: MotoServer | undefined;
  beforeAll(async () => {
    if (!motoAvailable) return;
    server = await startMoto(options);
    moto.endpoint = server.endpoint;
  }, STARTUP_LIMIT_MS + 5_000);
  afterAll(async () => {
    await server?.stop();
  });
  return moto;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
