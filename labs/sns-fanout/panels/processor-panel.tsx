"use client";
/**
 * The order processor: its trigger, the switch between swallowing errors and letting them fail
 * the message, malformed orders to send in each mode, and where each one ends up.
 */
import { useEffect, useState } from "react";
import { Countdown } from "@/components/lab/countdown";
import { useLabAction } from "@/components/lab/panel-kit";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { TableItems } from "@/components/table/table-items";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { StepPart } from "@/components/ui/step-part";
import type { LiveMessage, SnsFanoutLive } from "../live";
import { Outcome, useFanoutLive, useSessionList } from "./panel-parts";

type Mode = "swallow" | "fail";

const MODES: Array<{ value: Mode; title: string; detail: string }> = [
  { value: "swallow", title: "Swallow errors", detail: "The write-up's catch-all: log the error, report success. Lambda deletes the message." },
  { value: "fail", title: "Let errors fail the message", detail: "Report it in batchItemFailures: it stays in the queue, comes back, and after 3 receives goes to the DLQ." },
];

const KINDS = [
  { value: "quantity-as-text", label: "quantity written as text (\"two\")" },
  { value: "missing-fields", label: "userId, quantity and status left out" },
  { value: "not-json", label: "plain text instead of JSON" },
];

interface SentOrder {
  trackingId: string;
  kind: string;
  errorMode: Mode;
  sentAt: number;
}

type Whereabouts =
  | { place: "queue"; message: LiveMessage }
  | { place: "dlq"; message: LiveMessage }
  | { place: "table" }
  | { place: "gone" }
  | { place: "moving" }
  | { place: "unknown" };

function whereabouts(order: SentOrder, lab: SnsFanoutLive): Whereabouts {
  if (!lab.canPeek) return { place: "unknown" };
  const inQueue = lab.messages.orderQueue?.find((m) => m.orderId === order.trackingId);
  if (inQueue) return { place: "queue", message: inQueue };
  const inDlq = lab.messages.orderDlq?.find((m) => m.orderId === order.trackingId);
  if (inDlq) return { place: "dlq", message: inDlq };
  if (lab.orders?.some((o) => o.orderId === order.trackingId)) return { place: "table" };
  return order.errorMode === "swallow" ? { place: "gone" } : { place: "moving" };
}

function InFlight({ message, timeout }: { message: LiveMessage; timeout: number | undefined }) {
  if (message.state !== "inFlight" || message.visibleAt === null) return <span>waiting to be received again</span>;
  return <Countdown until={message.visibleAt} total={timeout} label="back in the queue in" doneLabel="visible again" className="mt-1" />;
}

function Where({ order, lab }: { order: SentOrder; lab: SnsFanoutLive }) {
  const where = whereabouts(order, lab);
  switch (where.place) {
    case "queue":
      return (
        <div>
          <Badge tone="warn">in OrderQueue</Badge>{" "}
          <span className="text-xs text-muted">
            received <span className="font-mono font-semibold text-fg">{where.message.receiveCount}</span> of 3 times
          </span>
          <div className="text-xs text-muted">
            <InFlight message={where.message} timeout={lab.queues.orderQueue?.visibilityTimeoutSeconds ?? undefined} />
          </div>
        </div>
      );
    case "dlq":
      return (
        <div>
          <Badge tone="ok">in OrderDLQ</Badge>{" "}
          <span className="text-xs text-muted">after {where.message.receiveCount} receives: kept for someone to look at</span>
        </div>
      );
    case "table":
      return <Badge tone="err">stored in Orders (it should not be)</Badge>;
    case "gone":
      return (
        <div>
          <Badge tone="err">gone</Badge> <span className="text-xs text-muted">the error was swallowed, Lambda deleted the message; only a log line is left</span>
        </div>
      );
    case "moving":
      return <span className="text-xs text-muted">on its way…</span>;
    default:
      return <span className="text-xs text-muted">see OrderDLQ&apos;s count on the right and the logs below (on AWS the page cannot look without receiving)</span>;
  }
}

export function ProcessorPanel({ labId, stepId, prefix }: LabPanelProps) {
  const { lab, refresh } = useFanoutLive();
  const deploy = useLabAction(labId, stepId, "deploy-processor");
  const mode = useLabAction(labId, stepId, "set-error-mode");
  const trigger = useLabAction(labId, stepId, "set-trigger");
  const malformed = useLabAction(labId, stepId, "send-malformed-order");
  const [kind, setKind] = useState(KINDS[0].value);
  const [sent, remember] = useSessionList<SentOrder>(`sns-fanout:${prefix}:malformed`, 8);
  const processor = lab?.processor;
  const current: Mode = processor?.errorMode ?? "swallow";
  const [chosen, setChosen] = useState<Mode | null>(null);
  // The switch shows what was just asked for until the live state has caught up with it.
  const asked = chosen !== null && (mode.busy || (mode.result?.outcome.data as { errorMode?: Mode } | undefined)?.errorMode === chosen);
  const selected = processor?.deployed ? (asked && chosen ? chosen : current) : (chosen ?? "swallow");

  // While a sent order is still in OrderQueue, look often: the page's usual polling slows down when
  // nothing changes, and the next receive comes the moment the visibility timeout ends.
  const tracking = Boolean(lab && sent.some((order) => whereabouts(order, lab).place === "queue"));
  useEffect(() => {
    if (!tracking) return;
    const timer = setInterval(refresh, 1500);
    return () => clearInterval(timer);
  }, [tracking, refresh]);

  async function pickMode(value: Mode) {
    setChosen(value);
    if (processor?.deployed) await mode.run({ errorMode: value });
  }

  async function sendMalformed() {
    const response = await malformed.run({ kind });
    const data = response?.outcome.data as SentOrder | undefined;
    if (data?.trackingId) remember({ trackingId: data.trackingId, kind: data.kind, errorMode: data.errorMode, sentAt: data.sentAt });
  }

  return (
    <div className="space-y-4" data-testid="processor-panel">
      <StepPart number={1} title="The trigger and its error handling">
        <fieldset>
          <legend className="text-sm text-muted">When an order cannot be processed, the function should…</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {MODES.map((m) => (
              <label
                key={m.value}
                className={cx(
                  "flex cursor-pointer gap-2.5 rounded-md border px-3 py-2.5 text-sm",
                  selected === m.value ? "border-accent bg-accent-soft" : "border-border bg-surface hover:bg-surface-2",
                )}
                data-testid={`mode-${m.value}`}
              >
                <input type="radio" name="error-mode" className="mt-0.5 accent-[var(--accent)]" checked={selected === m.value} onChange={() => pickMode(m.value)} disabled={mode.busy} />
                <span>
                  <span className="font-medium text-fg">{m.title}</span>
                  <span className="mt-0.5 block text-xs text-muted">{m.detail}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          {processor?.enabled ? (
            <Button tone="secondary" onClick={() => trigger.run({ enabled: false })} busy={trigger.busy} data-testid="trigger-off">
              Turn the trigger off
            </Button>
          ) : processor?.deployed ? (
            <Button onClick={() => trigger.run({ enabled: true })} busy={trigger.busy} data-testid="trigger-on">
              Turn the trigger on
            </Button>
          ) : (
            <Button onClick={() => deploy.run({ errorMode: selected })} busy={deploy.busy} disabled={!lab?.queues.orderQueue?.exists} data-testid="deploy-processor">
              Turn the trigger on
            </Button>
          )}
          <span className="text-sm text-muted" data-testid="processor-state">
            {processor?.enabled ? (processor.running ? "Running: OrderProcessor reads OrderQueue." : `On, but not running${processor.problem ? `: ${processor.problem}` : "."}`) : processor?.deployed ? "Off: messages wait in the queue." : "Not created yet."}
          </span>
        </div>
        <Outcome state={deploy} />
        <Outcome state={mode} />
        <Outcome state={trigger} />
      </StepPart>

      <StepPart number={2} title="Send a malformed order">
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-sm text-fg">
            <span className="font-medium">What is wrong with it</span>
            <select value={kind} onChange={(e) => setKind(e.target.value)} className="mt-1 block rounded-md border border-border-strong bg-surface px-2.5 py-1.5 text-sm text-fg" data-testid="malformed-kind">
              {KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <Button onClick={sendMalformed} busy={malformed.busy} disabled={!lab?.topic} data-testid="send-malformed">
            Publish it
          </Button>
          <span className="text-sm text-muted">
            Errors are <span className="font-medium text-fg">{current === "fail" ? "failing the message" : "swallowed"}</span> right now.
          </span>
        </div>
        <Outcome state={malformed} />
        {sent.length && lab ? (
          <ul className="divide-y divide-border rounded-md border border-border" data-testid="malformed-orders">
            {sent.map((order) => (
              <li key={order.trackingId} className="grid gap-1 px-3 py-2.5 sm:grid-cols-[10rem_1fr]" data-testid="malformed-order" data-tracking-id={order.trackingId}>
                <div>
                  <div className="font-mono text-xs font-semibold text-fg">{order.trackingId}</div>
                  <div className="text-xs text-muted">sent while {order.errorMode === "fail" ? "failing" : "swallowing"}</div>
                </div>
                <Where order={order} lab={lab} />
              </li>
            ))}
          </ul>
        ) : null}
      </StepPart>

      <TableItems labId={labId} tableKey="ordersTable" title="Orders stored" columns={["orderId", "itemName", "quantity", "deliveredAs"]} onlyColumns emptyText="No orders yet: turn the trigger on." />
    </div>
  );
}
