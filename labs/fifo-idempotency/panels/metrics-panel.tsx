"use client";
/**
 * Step 6: the consumer's counters graphed from CloudWatch, and each one set against what the table
 * and the queues hold.
 */
import { useLabAction } from "@/components/lab/panel-kit";
import { MetricGraph } from "@/components/metrics/metric-graph";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import type { CountsComparison } from "../steps/metrics";
import { Outcome, Section } from "./panel-parts";

function ComparisonTable({ comparison }: { comparison: CountsComparison }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="counts-comparison">
        <caption className="sr-only">CloudWatch counters beside the table and the queues</caption>
        <thead className="text-xs text-muted">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">Counter</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">CloudWatch</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">Expected</th>
            <th scope="col" className="py-1 pr-3 font-medium">From</th>
            <th scope="col" className="py-1 font-medium">
              <span className="sr-only">Agrees</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {comparison.rows.map((row) => (
            <tr key={row.metric} data-testid={`comparison-${row.metric}`} data-agrees={row.agrees}>
              <th scope="row" className="py-1.5 pr-3 font-mono text-xs font-medium text-fg">
                {row.metric}
              </th>
              <td className="py-1.5 pr-3 text-right font-mono tabular-nums">{row.metricValue}</td>
              <td className="py-1.5 pr-3 text-right font-mono tabular-nums">{row.expected}</td>
              <td className="py-1.5 pr-3 text-xs text-muted">{row.source}</td>
              <td className="py-1.5">{row.agrees ? <Badge tone="ok">agrees</Badge> : <Badge tone="err">differs</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-muted">
        Since the table was created ({new Date(comparison.since).toLocaleString()}).{" "}
        {comparison.notDeleted > 0
          ? `Saved + skipped − deleted = ${comparison.notDeleted}: deliveries that did their work but never reached the delete (crashes, failed deletes); each came back and was skipped.`
          : "Every delivery that did its work was deleted on the way."}
        {comparison.quiet ? "" : " Messages are still in the queue, so the counters are still moving."}
      </p>
    </div>
  );
}

export function MetricsPanel({ labId, stepId }: LabPanelProps) {
  const compare = useLabAction(labId, stepId, "compare");
  const comparison = compare.result?.outcome.data as CountsComparison | undefined;
  return (
    <div className="space-y-4">
      <MetricGraph labId={labId} graphId="consumer-flow" minutes={15} />
      <MetricGraph labId={labId} graphId="consumer-errors" minutes={15} />
      <Section title="Do the counters add up?" testId="counts-check">
        <p className="text-sm text-muted">Sums every counter in CloudWatch since the table was created and sets each beside the table&apos;s items and the queues&apos; counts.</p>
        <Button onClick={() => void compare.run({})} busy={compare.busy}>
          Compare the counters with the table and the queues
        </Button>
        <Outcome state={compare} />
        {comparison?.rows ? <ComparisonTable comparison={comparison} /> : null}
      </Section>
    </div>
  );
}
