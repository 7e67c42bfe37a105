/**
 * The local cloud's listener: one loopback port that speaks HTTP/1.1 and HTTP/2 cleartext with
 * prior knowledge (the Kinesis client's default). Each new connection is sniffed for the HTTP/2
 * preface and handed to the matching Node server; both share one request handler.
 */
import http from "node:http";
import http2 from "node:http2";
import net from "node:net";

export type RequestHandler = (
  req: http.IncomingMessage | http2.Http2ServerRequest,
  res: http.ServerResponse | http2.Http2ServerResponse,
) => void;

const H2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

export interface DualProtocolServer {
  port: number;
  close(): Promise<void>;
}

export async function listenDualProtocol(handler: RequestHandler, host: string, port: number): Promise<DualProtocolServer> {
  const h1 = http.createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, handler);
  const h2 = http2.createServer({}, handler);
  const sockets = new Set<net.Socket>();

  // noDelay as http.createServer sets it: answers go out at once instead of waiting on Nagle.
  const listener = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const n = Math.min(seen.length, H2_PREFACE.length);
      const isH2Prefix = seen.subarray(0, n).equals(H2_PREFACE.subarray(0, n));
      if (isH2Prefix && seen.length < H2_PREFACE.length) return; // need more bytes to decide
      socket.removeListener("data", onData);
      socket.pause();
      socket.unshift(seen);
      (isH2Prefix ? h2 : h1).emit("connection", socket);
      process.nextTick(() => socket.resume());
    };
    socket.on("data", onData);
  });

  await new Promise<void>((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(port, host, () => {
      listener.off("error", reject);
      resolve();
    });
  });
  const address = listener.address();
  const boundPort = typeof address === "object" && address ? address.port : port;

  return {
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        listener.close(() => resolve());
        h1.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        h2.close();
      }),
  };
}
