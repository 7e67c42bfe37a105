/**
 * moto_server on a free port, the reference peer of the SNS and CloudWatch differential tests;
 * or a reason to skip when it is not installed.
 */
import { execFileSync, spawn } from "node:child_process";
import net from "node:net";

export const motoAvailable = (() => {
  try {
    execFileSync("moto_server", ["--help"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

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
  stop(): Promise<void>;
}

/** Starts moto_server with the local cloud's account id and waits (up to 30 s) until it answers. */
export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const child = spawn("moto_server", ["-p", String(port)], {
    stdio: "ignore",
    env: { ...process.env, MOTO_ACCOUNT_ID: "000000000000" },
  });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${endpoint}/moto-api/`).then(() => true, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
