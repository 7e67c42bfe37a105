"use client";
/**
 * The student's progress per lab, fetched once for the whole catalogue (and refreshed live), so
 * the page renders at once even when the progress table is slow to answer.
 */
import { createContext, useContext, type ReactNode } from "react";
import type { ApiError } from "@/lib/api/responses";
import { useLive } from "@/lib/live/use-live";
import { ErrorNotice } from "@/components/ui/error-notice";
import { ProgressBar } from "@/components/ui/progress-bar";

interface CatalogueProgress {
  labs: Array<{ labId: string; done: number; total: number }>;
  notice?: string;
}

const ProgressContext = createContext<{ data?: CatalogueProgress; error?: ApiError; loading: boolean }>({ loading: true });

export function ProgressProvider({ children }: { children: ReactNode }) {
  const { data, error, loading } = useLive<CatalogueProgress>("/api/progress", undefined, { minMs: 10_000, maxMs: 60_000 });
  return <ProgressContext.Provider value={{ data, error, loading }}>{children}</ProgressContext.Provider>;
}

export function ProgressNotice() {
  const { data, error } = useContext(ProgressContext);
  if (error) return <ErrorNotice error={error} title="Your progress could not be read" className="mb-6" />;
  if (data?.notice) {
    return (
      <p role="status" className="mb-6 rounded-md border border-warn/40 bg-warn-soft px-3.5 py-2.5 text-sm text-fg">
        {data.notice}
      </p>
    );
  }
  return null;
}

export function LabProgress({ labId, total }: { labId: string; total: number }) {
  const { data, loading } = useContext(ProgressContext);
  const entry = data?.labs.find((l) => l.labId === labId);
  const done = entry?.done ?? 0;
  return (
    <div className="space-y-1.5" data-testid={`progress-${labId}`}>
      <div className="flex justify-between text-xs text-muted">
        <span>Progress</span>
        <span>{loading && !data ? "…" : `${done} of ${total} step${total === 1 ? "" : "s"}`}</span>
      </div>
      <ProgressBar value={loading && !data ? undefined : done} max={total} label={`Progress in this lab: ${done} of ${total} steps`} />
    </div>
  );
}
