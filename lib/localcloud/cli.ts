/**
 * `npm run localcloud -- [--port N] [--data DIR | --ephemeral]`: the local cloud on its own, for
 * the AWS CLI, boto3 or any SDK (`aws --endpoint-url http://127.0.0.1:4790 sqs list-queues`).
 */
import path from "node:path";
import { DEFAULT_LOCALCLOUD_PORT, startLocalCloud } from "./index";

function usage(message?: string): never {
  if (message) console.error(message);
  console.error("usage: npm run localcloud -- [--port N] [--data DIR | --ephemeral]");
  process.exit(2);
}

function parseArgs(argv: string[]) {
  let port = Number(process.env.LOCALCLOUD_PORT) || DEFAULT_LOCALCLOUD_PORT;
  let dataDir: string | null = process.env.LOCALCLOUD_DATA || ".localcloud";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--port") {
      port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) usage("--port takes a number from 0 to 65535.");
    } else if (arg === "--data") {
      const dir = argv[++i];
      if (!dir) usage("--data takes a folder.");
      dataDir = dir;
    } else if (arg === "--ephemeral") dataDir = null;
    else if (arg === "--help" || arg === "-h") usage();
    else usage(`Unknown option ${arg}.`);
  }
  return { port, dataDir };
}

async function main() {
  const { port, dataDir } = parseArgs(process.argv.slice(2));
  const cloud = await startLocalCloud({ port, dataDir });
  console.log(`Local cloud listening on ${cloud.endpoint}`);
  console.log(dataDir ? `State kept in ${path.resolve(dataDir)}` : "Ephemeral: state is kept in memory only.");
  console.log(`Try: aws --endpoint-url ${cloud.endpoint} --region us-east-1 sqs list-queues`);
  const stop = async () => {
    await cloud.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") console.error(`Port ${error.message.split(":").pop()} is in use; pick another with --port.`);
  else console.error(error);
  process.exit(1);
});
