"use client";
/**
 * “The order API”: the cafe's menu and order form, and a raw request editor to break the rules on purpose.
 * Each order goes to the order API function as the event API Gateway would send; the answer and
 * the event are shown as they were.
 */
import { useId, useState } from "react";
import type { JsonValue, LabPanelProps } from "@/lib/lab-framework/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { cx } from "@/components/ui/cx";
import { ErrorNotice } from "@/components/ui/error-notice";
import { useLabAction } from "@/components/lab/panel-kit";
import { MENU } from "../menu";

interface CallView {
  requestId: string;
  event: JsonValue;
  response: { statusCode: number; headers: Record<string, string>; body: string } | null;
  error: string | null;
}

const EXAMPLES: Array<{ label: string; body: string }> = [
  { label: "Missing item", body: JSON.stringify({ table_number: 2, customer_name: "Ana", quantity: 1 }, null, 2) },
  { label: "Quantity 0", body: JSON.stringify({ table_number: 2, item: "Tea", quantity: 0 }, null, 2) },
  { label: "Table “four”", body: JSON.stringify({ table_number: "four", item: "Latte", quantity: 1 }, null, 2) },
  { label: "No name", body: JSON.stringify({ table_number: 7, item: "Coffee", quantity: 1 }, null, 2) },
  { label: "Not JSON", body: "table 4, one latte please" },
];

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const STATUS_WORD: Record<number, string> = { 202: "Accepted", 400: "Bad Request", 500: "Internal Server Error" };

const inputClass = "mt-1 block w-full rounded-md border border-border-strong bg-surface px-2.5 py-1.5 text-sm text-fg";

export function OrderFormPanel({ labId, stepId }: LabPanelProps) {
  const id = useId();
  const [mode, setMode] = useState<"menu" | "raw">("menu");
  const [item, setItem] = useState(MENU[0].item);
  const [table, setTable] = useState(4);
  const [name, setName] = useState("");
  const [quantity, setQuantity] = useState(1);
  const [raw, setRaw] = useState(() => JSON.stringify({ table_number: 4, customer_name: "Charlie", item: "Latte", quantity: 2 }, null, 2));
  const action = useLabAction(labId, stepId, "place-order");
  const call = (action.result?.outcome.data ?? null) as CallView | null;
  const price = MENU.find((m) => m.item === item)?.price ?? 0;

  function formBody(): string {
    return JSON.stringify({ table_number: table, ...(name.trim() ? { customer_name: name.trim() } : {}), item, quantity });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-border bg-surface" data-testid="order-form">
      <div className="flex flex-wrap items-center gap-3 border-b border-border px-4 pt-3">
        <h3 id={`${id}-title`} className="pb-3 text-sm font-semibold text-fg">
          Order at the cafe
        </h3>
        <div role="tablist" aria-label="How to order" className="ml-auto flex gap-1">
          {(["menu", "raw"] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              onClick={() => {
                if (m === "raw" && mode === "menu") setRaw(JSON.stringify(JSON.parse(formBody()), null, 2));
                setMode(m);
              }}
              className={cx("-mb-px border-b-2 px-3 pb-2.5 text-sm", mode === m ? "border-accent font-medium text-fg" : "border-transparent text-muted hover:text-fg")}
            >
              {m === "menu" ? "Menu" : "Raw request"}
            </button>
          ))}
        </div>
      </div>

      {mode === "menu" ? (
        <form
          className="space-y-4 p-4"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run({ body: formBody() });
          }}
        >
          <fieldset>
            <legend className="text-sm font-medium text-fg">Menu</legend>
            <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
              {MENU.map((m) => (
                <label
                  key={m.item}
                  className={cx(
                    "cursor-pointer rounded-md border px-3 py-2 transition-colors",
                    item === m.item ? "border-accent bg-accent-soft" : "border-border hover:border-border-strong hover:bg-surface-2",
                  )}
                >
                  <input type="radio" name={`${id}-item`} value={m.item} checked={item === m.item} onChange={() => setItem(m.item)} className="sr-only" />
                  <span className="flex items-baseline justify-between gap-2">
                    <span className="text-sm font-medium text-fg">{m.item}</span>
                    <span className="font-mono text-xs text-fg tabular-nums">${m.price.toFixed(2)}</span>
                  </span>
                  <span className="mt-0.5 block text-xs text-muted">{m.description}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="grid gap-3 sm:grid-cols-3">
            <div>
              <label htmlFor={`${id}-table`} className="text-sm font-medium text-fg">
                Table number
              </label>
              <input id={`${id}-table`} type="number" min={1} value={table} onChange={(e) => setTable(Number(e.target.value))} className={inputClass} />
            </div>
            <div>
              <label htmlFor={`${id}-name`} className="text-sm font-medium text-fg">
                Your name <span className="font-normal text-muted">(optional)</span>
              </label>
              <input id={`${id}-name`} value={name} placeholder="Guest" onChange={(e) => setName(e.target.value)} className={inputClass} />
            </div>
            <div>
              <label htmlFor={`${id}-quantity`} className="text-sm font-medium text-fg">
                Quantity
              </label>
              <input id={`${id}-quantity`} type="number" min={1} value={quantity} onChange={(e) => setQuantity(Number(e.target.value))} className={inputClass} />
            </div>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" busy={action.busy} data-testid="place-order">
              Place order
            </Button>
            <span className="text-sm text-muted">
              {quantity > 0 ? `${quantity} × ${item}` : item} ·{" "}
              <span className="font-mono text-fg tabular-nums">${(price * Math.max(0, quantity || 0)).toFixed(2)}</span>
            </span>
          </div>
        </form>
      ) : (
        <form
          className="space-y-3 p-4"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run({ body: raw });
          }}
        >
          <p className="text-sm text-muted">
            <span className="font-mono text-fg">POST /orders</span> with this body, exactly as written:
          </p>
          <div className="flex flex-wrap gap-1.5" aria-label="Examples">
            {EXAMPLES.map((example) => (
              <button key={example.label} type="button" onClick={() => setRaw(example.body)} className="rounded-full border border-border px-2.5 py-0.5 text-xs text-muted hover:bg-surface-2 hover:text-fg">
                {example.label}
              </button>
            ))}
          </div>
          <label htmlFor={`${id}-raw`} className="sr-only">
            Request body
          </label>
          <textarea id={`${id}-raw`} value={raw} onChange={(e) => setRaw(e.target.value)} rows={7} spellCheck={false} className={cx(inputClass, "font-mono text-xs")} data-testid="raw-body" />
          <Button type="submit" busy={action.busy} data-testid="send-raw">
            Send the request
          </Button>
        </form>
      )}

      {action.error ? <ErrorNotice error={action.error} title="The order could not be sent" className="mx-4 mb-4" /> : null}
      {call ? (
        <div className="space-y-3 border-t border-border p-4" data-testid="api-response" data-status={call.response?.statusCode ?? "error"}>
          <div className="flex flex-wrap items-center gap-2">
            <h4 className="text-sm font-semibold text-fg">Response</h4>
            {call.response ? (
              <Badge tone={call.response.statusCode < 300 ? "ok" : call.response.statusCode < 500 ? "warn" : "err"}>
                {call.response.statusCode} {STATUS_WORD[call.response.statusCode] ?? ""}
              </Badge>
            ) : (
              <Badge tone="err">function error</Badge>
            )}
            <span className="text-xs text-muted">request {call.requestId.slice(0, 8)}…</span>
          </div>
          {call.response ? <CodeBlock code={pretty(call.response.body)} label="Response body" /> : <p className="text-sm text-err">{call.error}</p>}
          <details className="rounded-md border border-border">
            <summary className="cursor-pointer px-3 py-2 text-sm text-fg select-none">The event API Gateway handed the function</summary>
            <div className="px-3 pb-3">
              <CodeBlock code={JSON.stringify(call.event, null, 2)} label="API Gateway proxy event" className="max-h-80 overflow-auto" />
            </div>
          </details>
        </div>
      ) : null}
    </section>
  );
}
