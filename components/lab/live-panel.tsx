"use client";
/**
 * The right-hand column: every resource the lab creates, whether it exists, and what it holds
 * right now, refreshed live while the tab is visible.
 */
import type { ResourceView } from "@/lib/lab-framework/view";
import type { LiveResource } from "@/lib/lab-framework/types";
import { cx } from "@/components/ui/cx";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Spinner } from "@/components/ui/spinner";
import { useLabLive } from "./lab-live-context";

const KIND_LABEL: Record<LiveResource["kind"], string> = {
  "sqs-queue": "SQS queue",
  "sns-topic": "SNS topic",
  "sns-subscription": "Subscription",
  "dynamodb-table": "DynamoDB table",
  "kinesis-stream": "Kinesis stream",
  pipe: "Pipe",
  "iam-role": "IAM role",
  "cloudwatch-alarm": "Alarm",
  "cloudwatch-dashboard": "Dashboard",
  function: "Function",
  "event-source-mapping": "Trigger",
};

const STATE: Record<LiveResource["state"], { text: string; className: string }> = {
  ready: { text: "exists", className: "text-ok" },
  missing: { text: "not created", className: "text-subtle" },
  creating: { text: "creating…", className: "text-warn" },
  deleting: { text: "deleting…", className: "text-warn" },
  unknown: { text: "—", className: "text-subtle" },
  error: { text: "error", className: "text-err" },
};

function ago(at: number | null): string {
  if (!at) return "";
  const seconds = Math.max(0, Math.round((Date.now() - at) / 1000));
  return seconds < 2 ? "just now" : `${seconds} s ago`;
}

export function LivePanel({ resources }: { resources: ResourceView[] }) {
  const live = useLabLive();
  const byKey = new Map((live.data?.resources ?? []).map((r) => [r.key, r]));
  const listed = resources.filter((r) => r.listed);
  return (
    <section aria-labelledby="live-heading" className="rounded-lg border border-border bg-surface p-4" data-testid="live-panel">
      <div className="flex items-baseline gap-2">
        <h2 id="live-heading" className="text-sm font-semibold text-fg">
          Live
        </h2>
        <span className="ml-auto text-xs text-muted" aria-live="off">
          {live.paused ? "paused while hidden" : live.loading ? "loading…" : `updated ${ago(live.checkedAt)}`}
        </span>
      </div>
      {live.error ? <ErrorNotice error={live.error} className="mt-3" /> : null}
      <ul className="mt-3 divide-y divide-border">
        {listed.map((resource) => {
          const state = byKey.get(resource.key);
          return (
            <li key={resource.key} className="py-2.5" data-testid={`live-${resource.key}`} data-state={state?.state ?? "loading"}>
              <div className="flex items-baseline gap-2">
                <span className="min-w-0 flex-1 font-mono text-xs break-words text-fg" title={resource.description}>
                  {resource.name}
                </span>
                <span className={cx("shrink-0 text-xs", state ? STATE[state.state].className : "text-subtle")}>
                  {state ? STATE[state.state].text : <Spinner label="Loading" />}
                </span>
              </div>
              <div className="mt-0.5 flex flex-wrap items-baseline gap-x-3 gap-y-0.5 text-xs text-muted">
                <span>{KIND_LABEL[resource.kind]}</span>
                {state?.figures.map((f) => (
                  <span key={f.label}>
                    <span className="font-mono font-semibold text-fg tabular-nums">{f.value}</span> {f.label}
                  </span>
                ))}
              </div>
              {state?.note ? <p className="mt-0.5 text-xs text-muted">{state.note}</p> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
