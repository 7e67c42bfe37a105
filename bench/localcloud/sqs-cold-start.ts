/**
 * Cold start of the embedded local cloud in a fresh process: how long importing it takes, how long
 * startLocalCloud() takes, and how long until the first SQS request is answered (a raw HTTP
 * request, so no client library's own warm-up is counted). Prints one JSON line.
 *
 *   node --import tsx bench/localcloud/sqs-cold-start.ts
 */
import http from "node:http";

function firstAnswer(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/",
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": "AmazonSQS.ListQueues",
          authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0",
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end("{}");
  });
}

async function main() {
  const t0 = performance.now();
  const { startLocalCloud } = await import("../../lib/localcloud/index");
  const t1 = performance.now();
  const cloud = await startLocalCloud({ port: 0, dataDir: null });
  const t2 = performance.now();
  const status = await firstAnswer(cloud.port);
  const t3 = performance.now();
  console.log(JSON.stringify({ processToImportMs: t0, importMs: t1 - t0, startMs: t2 - t1, firstAnswerMs: t3 - t2, status }));
  await cloud.close();
  process.exit(0);
}

void main();
