"use client";
/**
 * Step 2: send an order event of your own (group, event, how it is deduplicated), or one of the
 * cases, and see what SQS answered for each send and what the queue kept.
 */
import { useId, useState } from "react";
import { useLabAction, type LabActionState } from "@/components/lab/panel-kit";
import { QueueInspector } from "@/components/queue/queue-inspector";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { ORDER_EVENTS, type DedupMode, type ProducerCase } from "../producer-messages";
import type { SendResult } from "../steps/producer";
import { Outcome, Section, ShortId } from "./panel-parts";

const DEDUP_CHOICES: Array<{ value: DedupMode; label: string; help: string }> = [
  { value: "message-id", label: "The message_id", help: "MessageDeduplicationId = the event's own id" },
  { value: "content", label: "Content-based", help: "no id sent: SQS uses the SHA-256 of the body" },
  { value: "custom", label: "One I type", help: "any id, to try repeats by hand" },
];

const CASES: Array<{ value: ProducerCase; title: string; detail: string }> = [
  { value: "same-twice", title: "The same message twice", detail: "Same body and deduplication id, seconds apart: SQS drops the second." },
  { value: "new-dedup-id", title: "Same message_id, new deduplication id", detail: "SQS sees two messages and delivers both; the consumer must skip one." },
  { value: "invalid-json", title: "Invalid JSON", detail: "A body cut short: no consumer can read it." },
  { value: "interleaved", title: "Two orders interleaved", detail: "order-1001 and order-1002, alternating: placed, paid, shipped." },
];

const inputClass = "w-full rounded-md border border-border-strong bg-surface px-2.5 py-1.5 text-sm text-fg";

function sendsOf(state: LabActionState): SendResult[] {
  const data = state.result?.outcome.data as { sends?: SendResult[] } | undefined;
  return data?.sends ?? [];
}

function SendsTable({ sends }: { sends: SendResult[] }) {
  if (!sends.length) return null;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs" data-testid="send-results">
        <caption className="sr-only">What SQS answered for each send</caption>
        <thead className="text-muted">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">Group</th>
            <th scope="col" className="py-1 pr-3 font-medium">message_id</th>
            <th scope="col" className="py-1 pr-3 font-medium">Deduplication id</th>
            <th scope="col" className="py-1 pr-3 font-medium">SQS MessageId</th>
            <th scope="col" className="py-1 font-medium">What SQS did</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {sends.map((s, i) => (
            <tr key={`${s.sqsMessageId}-${i}`} data-testid="send-result" data-same={s.sameAsEarlier}>
              <td className="py-1.5 pr-3 font-mono">{s.group}</td>
              <td className="py-1.5 pr-3">{s.messageId ? <ShortId id={s.messageId} /> : <span className="text-err">none (broken body)</span>}</td>
              <td className="py-1.5 pr-3">{s.deduplicationId ? <ShortId id={s.deduplicationId} /> : <span className="text-muted">SHA-256 of the body</span>}</td>
              <td className="py-1.5 pr-3">
                <ShortId id={s.sqsMessageId} />
              </td>
              <td className="py-1.5">
                {s.sameAsEarlier ? (
                  <Badge tone="warn">dropped: same MessageId as above</Badge>
                ) : (
                  <span className="text-muted">{s.note}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProducerPanel({ labId, stepId }: LabPanelProps) {
  const id = useId();
  const sendOrder = useLabAction(labId, stepId, "send-order");
  const sendCase = useLabAction(labId, stepId, "send-case");
  const [group, setGroup] = useState("order-1001");
  const [event, setEvent] = useState<string>("placed");
  const [dedup, setDedup] = useState<DedupMode>("message-id");
  const [dedupId, setDedupId] = useState("");
  const [last, setLast] = useState<"order" | "case" | null>(null);
  const [runningCase, setRunningCase] = useState<ProducerCase | null>(null);
  const lastState = last === "order" ? sendOrder : last === "case" ? sendCase : null;

  async function send() {
    setLast("order");
    await sendOrder.run({ group, event, dedup, dedupId: dedup === "custom" ? dedupId : "" });
  }

  async function runCase(value: ProducerCase) {
    setLast("case");
    setRunningCase(value);
    await sendCase.run({ case: value, dedup: dedup === "custom" ? "message-id" : dedup });
    setRunningCase(null);
  }

  return (
    <div className="space-y-4">
      <Section title="Send an order event" testId="producer-form">
        <form
          className="grid gap-3 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <div>
            <label htmlFor={`${id}-group`} className="text-xs font-medium text-fg">
              Message group (the order)
            </label>
            <input id={`${id}-group`} value={group} onChange={(e) => setGroup(e.target.value)} className={`${inputClass} mt-1 font-mono`} maxLength={128} required />
          </div>
          <div>
            <label htmlFor={`${id}-event`} className="text-xs font-medium text-fg">
              Event
            </label>
            <select id={`${id}-event`} value={event} onChange={(e) => setEvent(e.target.value)} className={`${inputClass} mt-1`}>
              {ORDER_EVENTS.map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="sm:col-span-2">
            <legend className="text-xs font-medium text-fg">Deduplication id</legend>
            <div className="mt-1 grid gap-2 sm:grid-cols-3">
              {DEDUP_CHOICES.map((choice) => (
                <label
                  key={choice.value}
                  className="flex cursor-pointer gap-2 rounded-md border border-border px-2.5 py-2 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft"
                >
                  <input type="radio" name={`${id}-dedup`} value={choice.value} checked={dedup === choice.value} onChange={() => setDedup(choice.value)} className="mt-0.5 accent-[var(--accent)]" />
                  <span>
                    <span className="font-medium text-fg">{choice.label}</span>
                    <span className="block text-xs text-muted">{choice.help}</span>
                  </span>
                </label>
              ))}
            </div>
            {dedup === "custom" ? (
              <div className="mt-2">
                <label htmlFor={`${id}-dedup-id`} className="text-xs font-medium text-fg">
                  Your deduplication id
                </label>
                <input id={`${id}-dedup-id`} value={dedupId} onChange={(e) => setDedupId(e.target.value)} className={`${inputClass} mt-1 font-mono`} placeholder="order-1001-paid" maxLength={128} required />
              </div>
            ) : null}
          </fieldset>
          <div className="sm:col-span-2">
            <Button type="submit" busy={sendOrder.busy}>
              Send the order event
            </Button>
          </div>
        </form>
      </Section>

      <Section title="Or send one of the cases" aside={dedup === "content" ? "with content-based deduplication" : "with the message_id as deduplication id"} testId="producer-cases">
        <ul className="grid gap-2 sm:grid-cols-2">
          {CASES.map((c) => (
            <li key={c.value} className="flex flex-col justify-between gap-2 rounded-md border border-border p-3">
              <div>
                <p className="text-sm font-medium text-fg">{c.title}</p>
                <p className="text-xs text-muted">{c.detail}</p>
              </div>
              <Button tone="secondary" className="self-start px-2.5 py-1 text-xs" busy={runningCase === c.value} disabled={sendCase.busy} onClick={() => void runCase(c.value)}>
                Send
              </Button>
            </li>
          ))}
        </ul>
      </Section>

      {lastState ? (
        <Section title="What SQS answered" testId="producer-answer">
          <Outcome state={lastState} className="mt-0" />
          <SendsTable sends={sendsOf(lastState)} />
        </Section>
      ) : null}

      <QueueInspector labId={labId} queueKey="ordersQueue" title="What the queue holds" allowPoll={false} emptyText="Nothing waiting: send something, or the consumer has taken it." />
    </div>
  );
}
