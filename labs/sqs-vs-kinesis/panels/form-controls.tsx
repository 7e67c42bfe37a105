/**
 * Small form pieces the lab's panels share: a labelled field and the figures of a live resource.
 */
import type { ReactNode } from "react";
import { useLabLive } from "@/components/lab/panel-kit";
import { cx } from "@/components/ui/cx";

export const inputClass = "mt-1 block w-full rounded-md border border-border-strong bg-surface px-2.5 py-1.5 text-sm text-fg";

export function Field({ label, htmlFor, help, children, className }: { label: string; htmlFor: string; help?: string; children: ReactNode; className?: string }) {
  return (
    <div className={className}>
      <label htmlFor={htmlFor} className="text-sm font-medium text-fg">
        {label}
      </label>
      {children}
      {help ? <p className="mt-1 text-xs text-muted">{help}</p> : null}
    </div>
  );
}

/** "visible 3 · in flight 1" for one of the lab's resources, from the page's live snapshot. */
export function ResourceFigures({ resourceKey, label, className }: { resourceKey: string; label: string; className?: string }) {
  const live = useLabLive();
  const resource = live.data?.resources.find((r) => r.key === resourceKey);
  return (
    <div className={cx("rounded-md border border-border bg-surface-2 px-3 py-2", className)} data-testid={`figures-${resourceKey}`}>
      <p className="text-xs text-muted">{label}</p>
      <p className="mt-0.5 flex flex-wrap gap-x-3 text-sm">
        {resource?.state === "ready" ? (
          resource.figures.map((f) => (
            <span key={f.label} data-testid={`figure-${resourceKey}-${f.label.replace(/\s+/g, "-")}`}>
              <span className="font-mono font-semibold text-fg tabular-nums">{f.value}</span> <span className="text-muted">{f.label}</span>
            </span>
          ))
        ) : (
          <span className="text-subtle">{resource ? (resource.state === "missing" ? "not created yet" : resource.state) : "…"}</span>
        )}
      </p>
    </div>
  );
}
