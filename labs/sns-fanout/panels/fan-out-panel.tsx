"use client";
/**
 * Fan-out: add the two subscribers, then publish orders and see, before and after, which
 * subscriber gets which. The prediction runs SNS's own filter rules in the browser (a pure
 * module); what really arrived comes from the queues.
 */
import { useMemo, useState } from "react";
import { useLabAction } from "@/components/lab/panel-kit";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { cx } from "@/components/ui/cx";
import { StepPart } from "@/components/ui/step-part";
import { HIGH_QUANTITY_FILTER_POLICY, predictFanOut, SUBSCRIBERS, type Prediction, type QuantityAttribute, type SubscriberKey, type SubscriptionFilter } from "../fan-out";
import type { SnsFanoutLive } from "../live";
import { Outcome, useFanoutLive, useSessionList } from "./panel-parts";

const PRESETS: Array<{ itemName: string; quantity: number; quantityAttribute: QuantityAttribute; note: string }> = [
  { itemName: "Laptop", quantity: 1, quantityAttribute: "Number", note: "a small order" },
  { itemName: "Pens", quantity: 10, quantityAttribute: "Number", note: "exactly the threshold" },
  { itemName: "Chairs", quantity: 25, quantityAttribute: "String", note: "quantity sent as a String attribute" },
  { itemName: "Mugs", quantity: 12, quantityAttribute: "none", note: "no message attributes at all" },
];

const ATTRIBUTE_LABEL: Record<QuantityAttribute, string> = { Number: "Number attribute", String: "String attribute", none: "no attribute" };

interface PublishedOrder {
  orderId: string;
  itemName: string;
  quantity: number;
  quantityAttribute: QuantityAttribute;
  predicted: Array<Pick<Prediction, "key" | "delivered" | "why">>;
}

function filtersOf(lab: SnsFanoutLive | null): SubscriptionFilter[] {
  if (!lab) return [];
  return SUBSCRIBERS.flatMap(({ key }) => {
    const s = lab.subscriptions[key];
    return s && !s.pending ? [{ key, filterPolicy: s.filterPolicy, scope: s.filterPolicyScope }] : [];
  });
}

/** Where an order really went, per subscriber; null where the connection cannot look. */
function arrivals(orderId: string, lab: SnsFanoutLive): Record<SubscriberKey, boolean> | null {
  if (!lab.canPeek) return null;
  const has = (key: string) => Boolean(lab.messages[key]?.some((m) => m.orderId === orderId));
  return {
    orderQueue: has("orderQueue") || has("orderDlq") || Boolean(lab.orders?.some((o) => o.orderId === orderId)),
    analyticsQueue: has("analyticsQueue"),
    highQuantityQueue: has("highQuantityQueue"),
  };
}

function Mark({ delivered, title }: { delivered: boolean; title: string }) {
  return (
    <span title={title} className={cx("inline-flex items-center gap-1 font-medium", delivered ? "text-ok" : "text-subtle")}>
      <span aria-hidden>{delivered ? "✓" : "✗"}</span>
      <span className="sr-only">{delivered ? "delivered" : "not delivered"}: </span>
    </span>
  );
}

function PredictionList({ predictions, subscribed }: { predictions: Prediction[]; subscribed: Set<SubscriberKey> }) {
  return (
    <ul className="space-y-1 text-sm" data-testid="prediction">
      {SUBSCRIBERS.map(({ key, label }) => {
        const p = predictions.find((x) => x.key === key);
        const delivered = Boolean(p?.delivered);
        return (
          <li key={key} className="flex gap-2" data-subscriber={key} data-delivered={delivered}>
            <Mark delivered={delivered} title={p?.why ?? "not subscribed"} />
            <span className="w-40 shrink-0 font-mono text-xs leading-5 text-fg">{label}</span>
            <span className="text-xs leading-5 text-muted">{subscribed.has(key) ? p?.why : "not subscribed yet"}</span>
          </li>
        );
      })}
    </ul>
  );
}

export function FanOutPanel({ labId, stepId, prefix }: LabPanelProps) {
  const { lab } = useFanoutLive();
  const add = useLabAction(labId, stepId, "add-subscribers");
  const publish = useLabAction(labId, stepId, "publish-order");
  const [itemName, setItemName] = useState("Desks");
  const [quantity, setQuantity] = useState(10);
  const [attribute, setAttribute] = useState<QuantityAttribute>("Number");
  const [published, remember] = useSessionList<PublishedOrder>(`sns-fanout:${prefix}:published`, 12);
  const filters = useMemo(() => filtersOf(lab), [lab]);
  const subscribed = useMemo(() => new Set(filters.map((f) => f.key)), [filters]);
  const ready = subscribed.has("analyticsQueue") && subscribed.has("highQuantityQueue");
  const validQuantity = Number.isInteger(quantity) && quantity >= 1 && quantity <= 1000;
  const preview = useMemo(
    () =>
      validQuantity
        ? predictFanOut({ orderId: "O-preview", userId: "U123", itemName, quantity, status: "new", timestamp: "2025-05-03T12:00:00Z" }, attribute, filters)
        : [],
    [itemName, quantity, attribute, filters, validQuantity],
  );

  async function send(order: { itemName: string; quantity: number; quantityAttribute: QuantityAttribute }) {
    const response = await publish.run(order);
    const data = response?.outcome.data as PublishedOrder | undefined;
    if (data?.orderId) remember(data);
  }

  return (
    <div className="space-y-4" data-testid="fan-out-panel">
      <StepPart number={1} title="Add two subscribers">
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={() => add.run()} busy={add.busy} tone={ready ? "secondary" : "primary"} disabled={!lab?.topic} data-testid="add-subscribers">
            {ready ? "Subscribe them again" : "Create and subscribe AnalyticsQueue and HighQuantityQueue"}
          </Button>
          {SUBSCRIBERS.map(({ key, label }) => (
            <Badge key={key} tone={subscribed.has(key) ? "ok" : "neutral"}>
              {label} {subscribed.has(key) ? (lab?.subscriptions[key]?.filterPolicy ? "· filtered" : "· every order") : "· not subscribed"}
            </Badge>
          ))}
        </div>
        <Outcome state={add} />
        <div>
          <p className="mb-1.5 text-sm text-muted">HighQuantityQueue&apos;s filter policy (scope: message attributes):</p>
          <CodeBlock code={JSON.stringify(HIGH_QUANTITY_FILTER_POLICY, null, 2)} label="HighQuantityQueue's filter policy" />
        </div>
      </StepPart>

      <StepPart number={2} title="Publish orders, predict, compare">
        <div className="flex flex-wrap gap-2" role="group" aria-label="Ready-made orders">
          {PRESETS.map((p) => (
            <Button
              key={`${p.itemName}-${p.quantityAttribute}`}
              tone="secondary"
              className="flex-col items-start gap-0 text-left"
              onClick={() => send({ itemName: p.itemName, quantity: p.quantity, quantityAttribute: p.quantityAttribute })}
              disabled={!ready || publish.busy}
              data-testid={`preset-${p.itemName.toLowerCase()}`}
            >
              <span>
                {p.quantity} × {p.itemName}
              </span>
              <span className="text-xs font-normal text-muted">{p.note}</span>
            </Button>
          ))}
        </div>
        <form
          className="grid gap-3 rounded-md border border-border bg-surface-2 p-3 sm:grid-cols-[1fr_7rem_12rem_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            void send({ itemName, quantity, quantityAttribute: attribute });
          }}
          aria-label="Your own order"
        >
          <label className="text-sm font-medium text-fg">
            Item
            <input value={itemName} onChange={(e) => setItemName(e.target.value)} maxLength={40} className="mt-1 block w-full rounded-md border border-border-strong bg-surface px-2.5 py-1.5 text-sm" data-testid="custom-item" />
          </label>
          <label className="text-sm font-medium text-fg">
            Quantity
            <input type="number" min={1} max={1000} value={quantity} onChange={(e) => setQuantity(Number(e.target.value))} className="mt-1 block w-full rounded-md border border-border-strong bg-surface px-2.5 py-1.5 text-sm" data-testid="custom-quantity" />
          </label>
          <label className="text-sm font-medium text-fg">
            quantity sent as
            <select value={attribute} onChange={(e) => setAttribute(e.target.value as QuantityAttribute)} className="mt-1 block w-full rounded-md border border-border-strong bg-surface px-2.5 py-1.5 text-sm" data-testid="custom-attribute">
              <option value="Number">a Number attribute</option>
              <option value="String">a String attribute</option>
              <option value="none">no attribute</option>
            </select>
          </label>
          <Button type="submit" disabled={!ready || !validQuantity || !itemName.trim()} busy={publish.busy} data-testid="publish-custom">
            Publish
          </Button>
          <div className="sm:col-span-4">
            <p className="mb-1 text-xs font-medium text-muted">Before you publish, SNS&apos;s rules say:</p>
            {validQuantity ? <PredictionList predictions={preview} subscribed={subscribed} /> : <p className="text-xs text-err">The quantity is a whole number from 1 to 1000.</p>}
          </div>
        </form>
        <Outcome state={publish} />
        {published.length && lab ? (
          <div className="overflow-x-auto rounded-md border border-border">
            <table className="w-full text-left text-sm" data-testid="published-orders">
              <caption className="px-3 pt-2 text-left text-xs text-muted">Predicted → really delivered{lab.canPeek ? "" : " (on AWS the page cannot look into the queues without receiving: compare their counts on the right)"}</caption>
              <thead className="text-xs text-muted">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">Order</th>
                  {SUBSCRIBERS.map((s) => (
                    <th key={s.key} scope="col" className="px-3 py-2 font-medium">
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {published.map((order) => {
                  const actual = arrivals(order.orderId, lab);
                  return (
                    <tr key={order.orderId} data-order-id={order.orderId} data-testid="published-order">
                      <th scope="row" className="px-3 py-2 text-xs font-normal text-muted">
                        <span className="font-mono font-semibold text-fg">{order.orderId}</span> {order.quantity} × {order.itemName}
                        <span className="block">{ATTRIBUTE_LABEL[order.quantityAttribute]}</span>
                      </th>
                      {SUBSCRIBERS.map(({ key }) => {
                        const predicted = order.predicted.find((p) => p.key === key);
                        const got = actual?.[key];
                        const agrees = got === undefined || got === Boolean(predicted?.delivered);
                        return (
                          <td key={key} className="px-3 py-2 text-xs" data-subscriber={key} data-predicted={Boolean(predicted?.delivered)} data-actual={got === undefined ? "unknown" : got}>
                            <Mark delivered={Boolean(predicted?.delivered)} title={predicted?.why ?? ""} />
                            <span className="text-muted"> → </span>
                            {got === undefined ? <span className="text-subtle">?</span> : <Mark delivered={got} title={got ? "arrived" : "did not arrive"} />}
                            {!agrees ? <span className="ml-1 text-warn">differs</span> : null}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </StepPart>
    </div>
  );
}
