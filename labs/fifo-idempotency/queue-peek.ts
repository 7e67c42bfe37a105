/**
 * The lab's queues as its panels show them: counts (any endpoint) and, where the endpoint can peek
 * without receiving (a local cloud), each waiting message read as an order event. Built on the
 * shared queue inspection; on AWS `messages` is null, since looking would be a receive.
 */
import { inspectQueue } from "@/lib/lab-framework/inspect/queue-inspection";
import { parseOrderMessage } from "./handlers/order-message";
import type { FifoContext } from "./provision";
import type { FifoResources } from "./resources";

export interface WaitingMessage {
  sqsMessageId: string;
  group: string;
  /** The body's message_id, or null when the body is invalid. */
  messageId: string | null;
  event: string | null;
  valid: boolean;
  state: "visible" | "inFlight" | "delayed" | "received";
  receiveCount: number;
  /** When an in-flight message is visible again, in the browser's time (the cloud's offset taken off). */
  visibleAt: number | null;
}

export interface QueueView {
  exists: boolean;
  visible: number;
  inFlight: number;
  /** In queue order (per group, the order sent); null where the endpoint cannot peek. */
  messages: WaitingMessage[] | null;
  truncated: boolean;
}

export async function queueView(context: FifoContext, key: keyof FifoResources & ("ordersQueue" | "ordersDlq")): Promise<QueueView> {
  const snapshot = await inspectQueue(context, key);
  return {
    exists: snapshot.exists,
    visible: snapshot.counts.visible,
    inFlight: snapshot.counts.inFlight,
    truncated: snapshot.peek?.truncated ?? false,
    messages:
      snapshot.peek?.messages.map((m) => {
        const parsed = parseOrderMessage(m.body);
        return {
          sqsMessageId: m.messageId,
          group: m.groupId ?? "",
          messageId: parsed.ok ? parsed.message.message_id : null,
          event: parsed.ok && typeof parsed.message.event === "string" ? parsed.message.event : null,
          valid: parsed.ok,
          state: m.state,
          receiveCount: m.receiveCount,
          visibleAt: m.visibleAt,
        };
      }) ?? null,
  };
}
