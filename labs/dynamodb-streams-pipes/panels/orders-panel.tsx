"use client";
/**
 * Step "The create-order API": an order form that calls the API, its answer as the function
 * returned it, and the table's items.
 */
import { useId, useState, type FormEvent } from "react";
import { useLabAction } from "@/components/lab/panel-kit";
import { TableItems } from "@/components/table/table-items";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { Outcome } from "./parts";

const inputClass = "mt-1 block w-full rounded-md border border-border-strong bg-surface px-2.5 py-1.5 text-sm text-fg";

export function OrdersPanel({ labId, stepId }: LabPanelProps) {
  const id = useId();
  const create = useLabAction(labId, stepId, "create-order");
  const [form, setForm] = useState({ customerName: "Alice", product: "Wireless headphones", amount: "1499", notes: "" });
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value }));
  const order = (create.result?.outcome.data as { order?: unknown } | undefined)?.order;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await create.run({ customerName: form.customerName, product: form.product, amount: Number(form.amount), notes: form.notes });
  }

  return (
    <div className="space-y-4" data-testid="orders-panel">
      <form onSubmit={submit} className="space-y-3 rounded-lg border border-border bg-surface p-4" aria-label="Order form">
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-customer`} className="text-sm font-medium text-fg">Customer</label>
            <input id={`${id}-customer`} className={inputClass} value={form.customerName} onChange={set("customerName")} />
          </div>
          <div>
            <label htmlFor={`${id}-product`} className="text-sm font-medium text-fg">Product</label>
            <input id={`${id}-product`} className={inputClass} value={form.product} onChange={set("product")} />
          </div>
          <div>
            <label htmlFor={`${id}-amount`} className="text-sm font-medium text-fg">Amount</label>
            <input id={`${id}-amount`} type="number" min={0.01} step={0.01} className={inputClass} value={form.amount} onChange={set("amount")} />
            <p className="mt-1 text-xs text-muted">Above 10,000 is high value.</p>
          </div>
          <div>
            <label htmlFor={`${id}-notes`} className="text-sm font-medium text-fg">Notes</label>
            <input id={`${id}-notes`} className={inputClass} value={form.notes} placeholder="optional" onChange={set("notes")} />
            <p className="mt-1 text-xs text-muted">FAIL in the notes makes the worker fail (later steps).</p>
          </div>
        </div>
        <Button type="submit" busy={create.busy} data-testid="send-order">
          POST /orders
        </Button>
        <Outcome state={create} />
        {order ? <CodeBlock code={JSON.stringify({ statusCode: 201, body: { message: "Order created.", order } }, null, 2)} label="What the function answered" /> : null}
      </form>
      <TableItems labId={labId} tableKey="ordersTable" title="Orders table" columns={["customerName", "product", "amount", "status", "valueTier", "createdAt"]} sortBy="createdAt" emptyText="No orders yet: send one with the form." />
    </div>
  );
}
