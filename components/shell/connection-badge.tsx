"use client";
/**
 * The prefix, connection and region on every page, with a live status dot. It links to Settings.
 */
import Link from "next/link";
import type { ConnectionSummary } from "@/lib/aws/connection-summary";
import { useLive } from "@/lib/live/use-live";
import { StatusDot } from "@/components/ui/status-dot";

export function ConnectionBadge({ initial }: { initial: ConnectionSummary }) {
  const { data } = useLive<ConnectionSummary>("/api/connection/status", initial, { minMs: 5000, maxMs: 60_000 });
  const summary = data ?? initial;
  return (
    <Link
      href="/settings"
      data-testid="connection-badge"
      title={summary.detail}
      className="group flex min-w-0 items-center gap-2 rounded-md border border-border bg-surface px-2.5 py-1.5 text-sm hover:border-border-strong"
      aria-label={`Prefix ${summary.prefix}, ${summary.label}, ${summary.state === "ready" ? "working" : summary.state}, region ${summary.region}. Open settings.`}
    >
      <span className="font-mono font-medium text-fg" data-testid="prefix">
        {summary.prefix}
      </span>
      <span aria-hidden className="text-subtle">·</span>
      <span className="flex items-center gap-1.5 truncate text-muted">
        <span className="truncate" data-testid="connection-mode">{summary.label}</span>
        <StatusDot state={summary.state} />
      </span>
      <span aria-hidden className="text-subtle">·</span>
      <span className="font-mono text-muted" data-testid="region">
        {summary.region}
      </span>
    </Link>
  );
}
