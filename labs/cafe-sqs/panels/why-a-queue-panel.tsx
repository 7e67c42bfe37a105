"use client";
/**
 * The two designs side by side: what the customer gets from each when the database is healthy,
 * slow or down. An illustration with typical timings, no AWS call.
 */
import { useState } from "react";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { cx } from "@/components/ui/cx";

type Database = "healthy" | "slow" | "down";

const OUTCOMES: Record<Database, { sync: { tone: "ok" | "warn" | "err"; answer: string; detail: string }; async: { tone: "ok" | "warn" | "err"; answer: string; detail: string } }> = {
  healthy: {
    sync: { tone: "ok", answer: "201 after ~150 ms", detail: "The API waited for the insert; fine while the database is quick." },
    async: { tone: "ok", answer: "202 after ~40 ms", detail: "Queued at once; the worker stores it a moment later." },
  },
  slow: {
    sync: { tone: "warn", answer: "201 after ~8 s", detail: "Every customer waits for the database; at lunchtime requests pile up and time out." },
    async: { tone: "ok", answer: "202 after ~40 ms", detail: "The answer does not change. The queue grows while the worker catches up." },
  },
  down: {
    sync: { tone: "err", answer: "500 Internal Server Error", detail: "The order is lost unless the customer tries again." },
    async: { tone: "ok", answer: "202 after ~40 ms", detail: "Orders wait in the queue (up to 4 days) and are stored once the database is back." },
  },
};

const TONE = { ok: "border-ok/50 bg-ok-soft", warn: "border-warn/50 bg-warn-soft", err: "border-err/50 bg-err-soft" };

function Flow({ parts }: { parts: string[] }) {
  return (
    <ol className="flex flex-wrap items-center gap-1.5 text-xs">
      {parts.map((part, i) => (
        <li key={part} className="flex items-center gap-1.5">
          {i ? <span aria-hidden className="text-subtle">→</span> : null}
          <span className="rounded border border-border-strong bg-surface px-1.5 py-0.5 font-medium text-fg">{part}</span>
        </li>
      ))}
    </ol>
  );
}

export function WhyAQueuePanel(_props: LabPanelProps) {
  const [database, setDatabase] = useState<Database>("healthy");
  const outcome = OUTCOMES[database];
  return (
    <section aria-labelledby="designs-title" className="rounded-lg border border-border bg-surface p-4" data-testid="why-a-queue">
      <div className="flex flex-wrap items-center gap-3">
        <h3 id="designs-title" className="text-sm font-semibold text-fg">
          Two designs, one database
        </h3>
        <div role="radiogroup" aria-label="The database is" className="ml-auto flex gap-1">
          {(["healthy", "slow", "down"] as const).map((state) => (
            <button
              key={state}
              type="button"
              role="radio"
              aria-checked={database === state}
              onClick={() => setDatabase(state)}
              className={cx("rounded-md border px-2.5 py-1 text-xs", database === state ? "border-accent bg-accent-soft font-medium text-fg" : "border-border text-muted hover:bg-surface-2")}
            >
              Database {state}
            </button>
          ))}
        </div>
      </div>
      <div className="mt-4 grid gap-3 md:grid-cols-2">
        {([
          ["Synchronous", ["Customer", "Order API", "Database"], outcome.sync],
          ["Asynchronous", ["Customer", "Order API", "Queue", "Worker", "Database"], outcome.async],
        ] as const).map(([title, parts, result]) => (
          <div key={title} className="space-y-3 rounded-md border border-border p-3" data-testid={`design-${title.toLowerCase()}`}>
            <h4 className="text-sm font-medium text-fg">{title}</h4>
            <Flow parts={[...parts]} />
            <div className={cx("rounded-md border px-3 py-2", TONE[result.tone])}>
              <p className="text-xs text-muted">The customer gets</p>
              <p className="font-mono text-sm font-semibold text-fg">{result.answer}</p>
              <p className="mt-1 text-xs text-muted">{result.detail}</p>
            </div>
          </div>
        ))}
      </div>
      <p className="mt-3 text-xs text-muted">Typical timings for illustration; the lab&apos;s real numbers are in its logs and graphs.</p>
    </section>
  );
}
