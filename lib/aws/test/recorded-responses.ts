/**
 * AWS's own error responses, byte for byte as the service documentation shows them, served on
 * loopback so the real SDK clients parse them exactly as they would from AWS. Used only for
 * errors neither the local cloud nor moto produce on demand (an expired session, throttling).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const RECORDED = {
  /** STS (query protocol) when a session token has expired. */
  stsExpiredToken: {
    status: 403,
    headers: { "content-type": "text/xml", "x-amzn-requestid": "4d6c2b3e-2a36-4fd1-9a0e-7c3b0e1c9a10" },
    body:
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ExpiredToken</Code>' +
      "<Message>The security token included in the request is expired</Message></Error>" +
      "<RequestId>4d6c2b3e-2a36-4fd1-9a0e-7c3b0e1c9a10</RequestId></ErrorResponse>",
  },
  /** DynamoDB (JSON 1.0) when the account's request rate is exceeded. */
  dynamodbThrottling: {
    status: 400,
    headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "QF3T5N8F7KUC0O1H8JJ4JQ7KMNVV4KQNSO5AEMVJF66Q9ASUAAJG" },
    body: '{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}',
  },
  /** Kinesis (JSON 1.1) when a shard's write throughput is exceeded. */
  kinesisThroughputExceeded: {
    status: 400,
    headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "c0ae84f4-5b2a-11ee-8c99-0242ac120002" },
    body:
      '{"__type":"ProvisionedThroughputExceededException","message":"Rate exceeded for shard shardId-000000000001 in stream analytics-stream under account 111122223333."}',
  },
} satisfies Record<string, RecordedResponse>;

export interface ReplayServer {
  endpoint: string;
  close(): Promise<void>;
}

/** Answers every request with the one recorded response. */
export async function replay(response: RecordedResponse): Promise<ReplayServer> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(response.body) });
      res.end(response.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
