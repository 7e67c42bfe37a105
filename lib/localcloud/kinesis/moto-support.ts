/**
 * Starts moto_server on a free port for the differential tests (Kinesis, IAM, Pipes), or reports
 * that it is not installed so those tests skip with a reason.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export const motoAvailable = (() => {
  try {
    execFileSync("moto_server", ["--help"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

export const MOTO_SKIP_REASON = motoAvailable ? "" : " (skipped: moto_server not installed)";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface MotoServer {
  endpoint: string;
  stop(): void;
}

export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const child: ChildProcess = spawn("moto_server", ["-p", String(port)], { stdio: "ignore" });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 400; i++) {
    if (await fetch(`${endpoint}/moto-api/`).then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { endpoint, stop: () => child.kill() };
}
