import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateQueueCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, describe, expect, it } from "vitest";
import { clientConfig, startTestCloud, testCredentials } from "../../test/harness";

const root = path.resolve(__dirname, "../../../..");

function startCli(dataDir: string): Promise<{ child: ChildProcess; endpoint: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/localcloud/cli.ts", "--port", "0", "--data", dataDir], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`The local cloud did not start:\n${output}`)), 20_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, endpoint: match[1] });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`The local cloud exited (${code}):\n${output}`)));
  });
}

function jsonFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe("kill -9", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sqs-kill9-"));
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("loses nothing written more than a flush interval before, and leaves every file readable", async () => {
    const started = await startCli(dir);
    child = started.child;
    const sqs = new SQSClient({ endpoint: started.endpoint, region: "us-east-1", credentials: testCredentials });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "survivor" }));
    for (let batch = 0; batch < 5; batch++) {
      await sqs.send(
        new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: `order ${batch * 10 + i}` })) }),
      );
    }
    sqs.destroy();
    await new Promise((resolve) => setTimeout(resolve, 600));
    child.kill("SIGKILL");
    await new Promise((resolve) => child?.once("exit", resolve));

    const files = jsonFiles(path.join(dir, "sqs"));
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    for (const file of files) expect(() => JSON.parse(fs.readFileSync(file, "utf8"))).not.toThrow();

    const restarted = await startTestCloud({ dataDir: dir });
    try {
      const again = new SQSClient(clientConfig(restarted));
      const url = (await again.send(new GetQueueUrlCommand({ QueueName: "survivor" }))).QueueUrl;
      const bodies: string[] = [];
      for (;;) {
        const { Messages = [] } = await again.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
        if (Messages.length === 0) break;
        bodies.push(...Messages.map((m) => m.Body as string));
      }
      expect(bodies.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `order ${i}`).sort());
      again.destroy();
    } finally {
      await restarted.close();
    }
  });
});
