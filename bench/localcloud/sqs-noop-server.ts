/**
 * The SQS bench's no-op server: answers SendMessageBatch, ReceiveMessage and DeleteMessageBatch
 * (AWS JSON 1.0) with canned responses the SDK accepts (right MD5s for the bench's body), doing no
 * work of its own: the limit the client and HTTP put on the bench.
 *
 *   node --import tsx bench/localcloud/sqs-noop-server.ts <port>
 */
import { createHash } from "node:crypto";
import http from "node:http";

export const BENCH_BODY = JSON.stringify({ orderId: "o-000001", table_number: 4, item: "flat white", quantity: 2, customer_name: "Guest" });

export function noopHandler(): http.RequestListener {
  const md5 = createHash("md5").update(BENCH_BODY).digest("hex");
  const ids = Array.from({ length: 10 }, (_, i) => String(i));
  const answers: Record<string, string> = {
    SendMessageBatch: JSON.stringify({
      Successful: ids.map((Id) => ({ Id, MessageId: `00000000-0000-4000-8000-00000000000${Id}`, MD5OfMessageBody: md5 })),
      Failed: [],
    }),
    ReceiveMessage: JSON.stringify({
      Messages: ids.map((id) => ({ MessageId: `00000000-0000-4000-8000-00000000000${id}`, ReceiptHandle: `AQEBcanned${id}`, MD5OfBody: md5, Body: BENCH_BODY })),
    }),
    DeleteMessageBatch: JSON.stringify({ Successful: ids.map((Id) => ({ Id })), Failed: [] }),
    CreateQueue: JSON.stringify({ QueueUrl: "http://127.0.0.1/000000000000/bench" }),
  };
  return (req, res) => {
    req.resume();
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
      const body = answers[target] ?? "{}";
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "content-length": Buffer.byteLength(body), "x-amzn-requestid": "noop" });
      res.end(body);
    });
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() as string)) {
  http.createServer({ keepAliveTimeout: 65_000 }, noopHandler()).listen(Number(process.argv[2]), "127.0.0.1");
}
