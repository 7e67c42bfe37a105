"use client";
/**
 * A queue as a student needs to see it: how many messages are visible, in flight and delayed
 * (from the queue's attributes, on any endpoint), and the messages themselves with their message
 * attributes and DataTypes — peeked without receiving on the local cloud, or through an explicit
 * "Poll" that says it counts as a receive.
 */
import { useId, useState } from "react";
import type { QueueMessageView, QueueSnapshot } from "@/lib/lab-framework/inspect/queue-inspection";
import { callApi } from "@/lib/api/client";
import type { ApiError } from "@/lib/api/responses";
import { useLive } from "@/lib/live/use-live";
import { Countdown } from "@/components/lab/countdown";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Spinner } from "@/components/ui/spinner";
import { MessageAttributeList } from "@/components/queue/message-attributes";

export interface QueueInspectorProps {
  labId: string;
  /** The queue's resource key in the lab (`ordersQueue`), never its name or URL. */
  queueKey: string;
  title?: string;
  /** Offer "Poll for messages" (a real receive) — default true. */
  allowPoll?: boolean;
  /** Said when the queue holds nothing. */
  emptyText?: string;
  /** List the messages (peeked); false shows the counts only (a load test). Default true. */
  messages?: boolean;
  className?: string;
}

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function time(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "—";
}

const STATE: Record<QueueMessageView["state"], { text: string; tone: "ok" | "warn" | "neutral" | "accent" }> = {
  visible: { text: "visible", tone: "ok" },
  inFlight: { text: "in flight", tone: "warn" },
  delayed: { text: "delayed", tone: "neutral" },
  received: { text: "received by this poll", tone: "accent" },
};

function MessageCard({ message, visibilityTimeout }: { message: QueueMessageView; visibilityTimeout: number | null }) {
  const state = STATE[message.state];
  return (
    <li className="rounded-md border border-border bg-surface" data-testid="queue-message" data-message-id={message.messageId} data-state={message.state} data-receive-count={message.receiveCount}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-border px-3 py-2 text-xs text-muted">
        <span className="font-mono text-fg" title={message.messageId}>
          {message.messageId.slice(0, 8)}…
        </span>
        <Badge tone={state.tone}>{state.text}</Badge>
        <span>
          received <span className="font-mono font-semibold text-fg tabular-nums" data-testid="receive-count">{message.receiveCount}</span> time{message.receiveCount === 1 ? "" : "s"}
        </span>
        <span>sent {time(message.sentAt)}</span>
        {message.groupId ? <span>group {message.groupId}</span> : null}
      </div>
      {message.visibleAt ? (
        <div className="border-b border-border px-3 py-2">
          <Countdown until={message.visibleAt} total={message.state === "inFlight" ? (visibilityTimeout ?? undefined) : undefined} label="Visible again in" doneLabel="Visible again now" />
        </div>
      ) : null}
      <pre className="max-h-48 overflow-auto px-3 py-2 font-mono text-xs leading-relaxed text-code-fg" tabIndex={0} aria-label={`Body of message ${message.messageId}`}>
        {prettyBody(message.body)}
      </pre>
      {message.messageAttributes.length ? (
        <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 border-t border-border px-3 py-1.5 text-xs text-muted">
          <span>Message attributes:</span>
          <MessageAttributeList attributes={message.messageAttributes} />
        </div>
      ) : null}
    </li>
  );
}

export function QueueInspector({ labId, queueKey, title, allowPoll = true, emptyText = "The queue is empty.", messages = true, className }: QueueInspectorProps) {
  const id = useId();
  const live = useLive<QueueSnapshot>(`/api/labs/${encodeURIComponent(labId)}/queues/${encodeURIComponent(queueKey)}`, undefined, { minMs: 1500, maxMs: 5000 });
  const [polling, setPolling] = useState(false);
  const [polled, setPolled] = useState<{ at: number; messages: QueueMessageView[] } | null>(null);
  const [pollError, setPollError] = useState<ApiError | null>(null);
  const queue = live.data;
  const canPeek = Boolean(queue?.peek);

  async function poll() {
    setPolling(true);
    setPollError(null);
    const result = await callApi<{ messages: QueueMessageView[] }>(`/api/labs/${encodeURIComponent(labId)}/queues/${encodeURIComponent(queueKey)}/poll`, "POST", {});
    setPolling(false);
    if (result.ok) setPolled({ at: Date.now(), messages: result.data.messages });
    else setPollError(result.error);
    live.refresh();
  }

  return (
    <section aria-labelledby={`${id}-title`} className={cx("rounded-lg border border-border bg-surface p-4", className)} data-testid={`queue-inspector-${queueKey}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h3 id={`${id}-title`} className="text-sm font-semibold text-fg">
          {title ?? "Queue"} <span className="font-mono font-normal text-muted">{queue?.name}</span>
        </h3>
        {live.loading ? <Spinner label="Loading the queue" /> : null}
        {allowPoll && queue?.exists ? (
          <Button tone="secondary" className="ml-auto px-2.5 py-1 text-xs" busy={polling} onClick={poll} data-testid="poll-queue">
            Poll for messages
          </Button>
        ) : null}
      </div>
      {live.error ? <ErrorNotice error={live.error} className="mt-3" /> : null}
      {queue && !queue.exists ? <p className="mt-2 text-sm text-muted">The queue does not exist yet.</p> : null}
      {queue?.exists ? (
        <>
          <dl className="mt-3 grid grid-cols-3 gap-2 text-center" data-testid="queue-counts">
            {[
              { label: "visible", value: queue.counts.visible, testId: "count-visible" },
              { label: "in flight", value: queue.counts.inFlight, testId: "count-in-flight" },
              { label: "delayed", value: queue.counts.delayed, testId: "count-delayed" },
            ].map((c) => (
              <div key={c.label} className="rounded-md bg-surface-2 px-2 py-1.5">
                <dt className="text-xs text-muted">{c.label}</dt>
                <dd className="font-mono text-lg font-semibold text-fg tabular-nums" data-testid={c.testId}>
                  {c.value}
                </dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 text-xs text-muted">
            Counts from the queue&apos;s attributes (approximate on AWS).
            {queue.visibilityTimeoutSeconds !== null ? ` Visibility timeout ${queue.visibilityTimeoutSeconds} s.` : ""}
            {queue.deadLetterQueue ? ` Moves a message to ${queue.deadLetterQueue.name} on its receive number ${queue.deadLetterQueue.maxReceiveCount + 1}.` : ""}
          </p>
          {!messages ? null : canPeek ? (
            <div className="mt-4">
              <p className="text-xs text-muted">
                <span className="font-medium text-fg">Peeking</span> (local cloud only): these are the queue&apos;s messages as it holds them. Nothing is received, so no receive count changes.
              </p>
              {queue.peek?.messages.length ? (
                <ul className="mt-2 space-y-2">
                  {queue.peek.messages.map((m) => (
                    <MessageCard key={m.messageId} message={m} visibilityTimeout={queue.visibilityTimeoutSeconds} />
                  ))}
                </ul>
              ) : (
                <p className="mt-2 rounded-md border border-dashed border-border px-3 py-3 text-sm text-muted" data-testid="queue-empty">
                  {emptyText}
                </p>
              )}
              {queue.peek?.truncated ? <p className="mt-1 text-xs text-muted">Showing the first 50 messages.</p> : null}
            </div>
          ) : (
            <p className="mt-4 text-xs text-muted">
              This endpoint cannot show messages without receiving them. On AWS, looking at a message <span className="font-medium text-fg">is</span> a receive: use Poll, and mind what it does.
            </p>
          )}
          {allowPoll ? (
            <div className="mt-4 border-t border-border pt-3">
              <p className="text-xs text-muted">
                <span className="font-medium text-fg">Poll for messages</span> calls ReceiveMessage, as the AWS console does: each message it gets has its receive count raised by one, and with a dead-letter queue that can push a message there. The workbook asks for a visibility timeout of 0, so the messages are visible to other consumers again at once.
              </p>
              {pollError ? <ErrorNotice error={pollError} className="mt-2" /> : null}
              {polled ? (
                <div className="mt-2" data-testid="poll-result" data-count={polled.messages.length}>
                  <p className="text-sm text-fg" role="status">
                    {polled.messages.length
                      ? `The poll at ${new Date(polled.at).toLocaleTimeString()} received ${polled.messages.length} message${polled.messages.length === 1 ? "" : "s"}.`
                      : `The poll at ${new Date(polled.at).toLocaleTimeString()} found no messages.`}
                  </p>
                  {polled.messages.length ? (
                    <ul className="mt-2 space-y-2">
                      {polled.messages.map((m) => (
                        <MessageCard key={`poll-${m.messageId}`} message={m} visibilityTimeout={null} />
                      ))}
                    </ul>
                  ) : null}
                </div>
              ) : null}
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
