"use client";
/**
 * Step 1's panel: the prefix, every name it gives the lab's resources, and, once checked, whether
 * each is free, already the student's, or someone else's.
 */
import { useLabAction } from "@/components/lab/panel-kit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import type { NameRow } from "../steps/prefix";

const ROWS: Array<{ key: string; what: string; kind: string }> = [
  { key: "orderQueue", what: "Order queue (visibility 300 s, long polling, DLQ after 3 receives)", kind: "SQS queue" },
  { key: "orderDlq", what: "Dead-letter queue for orders that keep failing", kind: "SQS queue" },
  { key: "analyticsStream", what: "Two-shard stream of analytics events", kind: "Kinesis stream" },
  { key: "dashboard", what: "One dashboard for queue, stream and functions", kind: "CloudWatch dashboard" },
  { key: "sqsProducer", what: "POST /messages → sends orders to the queue", kind: "Function" },
  { key: "queueProcessor", what: "Reads the queue in batches of 5", kind: "Function" },
  { key: "kinesisProducer", what: "POST /events → puts events on the stream", kind: "Function" },
  { key: "streamProcessor", what: "Reads each shard in batches of 10", kind: "Function" },
];

const STATE = {
  free: { tone: "neutral", text: "free" },
  yours: { tone: "ok", text: "yours" },
  taken: { tone: "err", text: "taken" },
} as const;

export function PrefixPanel({ labId, stepId, prefix, names }: LabPanelProps) {
  const check = useLabAction(labId, stepId, "check-names");
  const data = check.result?.outcome.data as { account?: string; arn?: string; names?: NameRow[] } | undefined;
  const scanned = new Map((data?.names ?? []).map((row) => [row.key, row]));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-border bg-surface px-4 py-3">
        <span className="text-sm text-muted">Your prefix</span>
        <span className="rounded-md bg-accent-soft px-2.5 py-1 font-mono text-lg font-semibold text-accent-strong" data-testid="student-prefix">
          {prefix}
        </span>
        <span className="text-xs text-muted">
          Tags on everything: <span className="font-mono text-fg">Project=ServerlessLab</span> · <span className="font-mono text-fg">Lab={labId}</span> ·{" "}
          <span className="font-mono text-fg">Student={prefix}</span>
        </span>
      </div>
      <div className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table className="w-full text-left text-sm" data-testid="derived-names">
          <caption className="sr-only">Names derived from your prefix</caption>
          <thead className="border-b border-border bg-surface-2 text-xs text-muted">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Name
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                What it is
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">Status</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {ROWS.map((row) => {
              const state = scanned.get(row.key);
              return (
                <tr key={row.key} data-testid={`name-${row.key}`}>
                  <td className="px-3 py-2 font-mono text-xs whitespace-nowrap text-fg">{names[row.key]}</td>
                  <td className="px-3 py-2 text-xs text-muted">
                    <span className="text-fg">{row.kind}</span> · {row.what}
                  </td>
                  <td className="px-3 py-2 text-right">
                    {state ? (
                      <Badge tone={STATE[state.state].tone} className="whitespace-nowrap">
                        {STATE[state.state].text}
                        {state.owner ? `: ${state.owner}` : ""}
                      </Badge>
                    ) : row.kind === "Function" ? (
                      <span className="text-xs whitespace-nowrap text-subtle">in the workbook</span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => check.run()} busy={check.busy} data-testid="check-names">
          Check my connection and names
        </Button>
        {check.result ? (
          <p className="text-sm text-muted" data-testid="action-outcome" aria-live="polite">
            {check.result.outcome.message}
          </p>
        ) : null}
      </div>
      {check.error ? <ErrorNotice error={check.error} /> : null}
    </div>
  );
}
