/**
 * What waits in the lab's queues, per message. On a local cloud with inspection routes this is a
 * peek (`GET /_localcloud/sqs/messages`): nothing is received, counted or moved. Elsewhere there is
 * no such thing — on AWS reading a message is a receive, which raises its receive count and can
 * push it into the DLQ — so the answer is "not available" and the page shows counts only.
 */
import { parseOrderMessage } from "./handlers/order-message";
import type { FifoContext } from "./provision";

export interface PeekedMessage {
  sqsMessageId: string;
  group: string;
  /** The body's message_id, or null when the body is invalid. */
  messageId: string | null;
  event: string | null;
  valid: boolean;
  state: "visible" | "inFlight" | "delayed";
  receiveCount: number;
  /** Seconds until an in-flight message is visible again (0 when it is). */
  visibleInSeconds: number;
  sequenceNumber: string;
}

export type Peek = { available: true; messages: PeekedMessage[] } | { available: false };

interface InspectedMessage {
  messageId: string;
  body: string;
  state: PeekedMessage["state"];
  receiveCount: number;
  visibleInSeconds?: number | null;
  groupId?: string | null;
  sequenceNumber?: string | null;
}

export async function peekQueue(context: FifoContext, queueName: string): Promise<Peek> {
  const endpoint = context.aws.connection.endpoint;
  if (!context.connection.capabilities.inspect || !endpoint) return { available: false };
  const url = `${endpoint.replace(/\/$/, "")}/_localcloud/sqs/messages?region=${encodeURIComponent(context.region)}&queue=${encodeURIComponent(queueName)}`;
  const response = await fetch(url, { signal: AbortSignal.any([context.signal, AbortSignal.timeout(5000)]), cache: "no-store" });
  if (response.status === 404) return { available: true, messages: [] };
  if (!response.ok) return { available: false };
  const { messages = [] } = (await response.json()) as { messages?: InspectedMessage[] };
  return {
    available: true,
    messages: messages.map((m) => {
      const parsed = parseOrderMessage(m.body);
      return {
        sqsMessageId: m.messageId,
        group: m.groupId ?? "",
        messageId: parsed.ok ? parsed.message.message_id : null,
        event: parsed.ok && typeof parsed.message.event === "string" ? parsed.message.event : null,
        valid: parsed.ok,
        state: m.state,
        receiveCount: m.receiveCount,
        visibleInSeconds: Math.max(0, Math.ceil(m.visibleInSeconds ?? 0)),
        sequenceNumber: m.sequenceNumber ?? "",
      };
    }),
  };
}
