"use client";
/**
 * Step 4's panel: the producer's request (messageType, batchSize, simulateFailure), what it sent,
 * and the queue filling up.
 */
import { useId, useState, type FormEvent } from "react";
import { useLabAction } from "@/components/lab/panel-kit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import type { SqsProducerReply } from "../handlers/sqs-producer";
import { Field, inputClass, ResourceFigures } from "./form-controls";

export function SentOrdersTable({ reply }: { reply: SqsProducerReply }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <table className="w-full text-left text-xs" data-testid="sent-orders">
        <caption className="sr-only">Orders the producer sent</caption>
        <thead className="border-b border-border bg-surface-2 text-muted">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">
              #
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Order
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Priority
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Message id
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border bg-surface">
          {reply.messages.map((m, i) => (
            <tr key={m.messageId}>
              <td className="px-3 py-1.5 text-subtle tabular-nums">{i + 1}</td>
              <td className="px-3 py-1.5 font-mono text-fg">
                {m.orderId}
                {m.simulateFailure ? (
                  <Badge tone="err" className="ml-2">
                    will fail
                  </Badge>
                ) : null}
              </td>
              <td className="px-3 py-1.5">
                <Badge tone={m.priority === "high" ? "warn" : "neutral"}>{m.priority}</Badge>
              </td>
              <td className="px-3 py-1.5 font-mono text-muted">{m.messageId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SqsProducerPanel({ labId, stepId }: LabPanelProps) {
  const id = useId();
  const [messageType, setMessageType] = useState("OrderProcessing");
  const [batchSize, setBatchSize] = useState(5);
  const [simulateFailure, setSimulateFailure] = useState(false);
  const send = useLabAction(labId, stepId, "send-orders");
  const reply = send.result?.outcome.data as SqsProducerReply | undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await send.run({ messageType, batchSize, simulateFailure });
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-3 rounded-lg border border-border bg-surface p-4" aria-label="Send orders" data-testid="send-orders-form">
        <p className="text-xs text-muted">
          <span className="font-mono text-fg">POST /messages</span> with this JSON body:
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="messageType" htmlFor={`${id}-type`}>
            <input id={`${id}-type`} value={messageType} onChange={(e) => setMessageType(e.target.value)} className={`${inputClass} font-mono`} />
          </Field>
          <Field label="batchSize" htmlFor={`${id}-size`} help="1 to 50 orders.">
            <input id={`${id}-size`} type="number" min={1} max={50} value={batchSize} onChange={(e) => setBatchSize(Number(e.target.value))} className={inputClass} />
          </Field>
        </div>
        <label className="flex items-center gap-2 text-sm text-fg">
          <input type="checkbox" checked={simulateFailure} onChange={(e) => setSimulateFailure(e.target.checked)} className="accent-[var(--accent)]" />
          simulateFailure <span className="text-muted">· the first order of the batch will fail</span>
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" busy={send.busy}>
            Send orders
          </Button>
          {send.result ? (
            <p className="text-sm text-muted" data-testid="action-outcome" aria-live="polite">
              {send.result.outcome.message}
            </p>
          ) : null}
        </div>
        {send.error ? <ErrorNotice error={send.error} /> : null}
      </form>
      <div className="grid gap-3 sm:grid-cols-2">
        <ResourceFigures resourceKey="orderQueue" label="Order queue now" />
        <ResourceFigures resourceKey="orderDlq" label="Dead-letter queue now" />
      </div>
      {reply ? (
        <div className="space-y-2">
          <p className="text-xs text-muted">
            Sent with <span className="font-mono text-fg">QUEUE_URL={reply.queueUrl}</span> and <span className="font-mono text-fg">MessageType={reply.messageType}</span>.
          </p>
          <SentOrdersTable reply={reply} />
        </div>
      ) : null}
    </div>
  );
}
