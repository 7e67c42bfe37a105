"use client";
/**
 * The pipe's filter and input template as JSON, editable, with sample orders to run through them
 * on the server exactly as the pipe would: whether the filter matches, what each field of the
 * pattern found in the event, why not, and the payload the target would receive.
 */
import { useId, useState } from "react";
import { useLabAction } from "@/components/lab/panel-kit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { ErrorNotice } from "@/components/ui/error-notice";
import type { RoutingTestResult } from "../routing";
import { DESIGNS, NUMERIC_STREAM_FILTER, SAMPLE_ORDERS, type RoutingDesign } from "../routing-designs";

const areaClass = "mt-1 block w-full rounded-md border border-border-strong bg-code-bg px-2.5 py-2 font-mono text-xs leading-relaxed text-code-fg";

export function RoutingTester({ labId, stepId, design }: { labId: string; stepId: string; design: RoutingDesign }) {
  const id = useId();
  const test = useLabAction(labId, stepId, "test-routing");
  const [filter, setFilter] = useState(DESIGNS[design].filter);
  const [template, setTemplate] = useState(DESIGNS[design].template);
  const [sampleKey, setSampleKey] = useState("high");
  const [sample, setSample] = useState(JSON.stringify(SAMPLE_ORDERS.high.order, null, 2));
  const result = test.result?.outcome.data as RoutingTestResult | undefined;

  function pick(key: string) {
    setSampleKey(key);
    setSample(JSON.stringify(SAMPLE_ORDERS[key].order, null, 2));
    test.reset();
  }

  return (
    <div className="space-y-3" data-testid={`routing-tester-${design}`}>
      <div className="grid gap-3 lg:grid-cols-2">
        <div>
          <label htmlFor={`${id}-filter`} className="text-sm font-medium text-fg">Filter pattern</label>
          <textarea id={`${id}-filter`} className={areaClass} rows={design === "queue" ? 9 : 15} value={filter} spellCheck={false} onChange={(e) => setFilter(e.target.value)} data-testid="filter-text" />
          {design === "stream" ? (
            <div className="mt-1.5 flex flex-wrap gap-2">
              <Button tone="ghost" className="px-2 py-1 text-xs" onClick={() => setFilter(NUMERIC_STREAM_FILTER)} data-testid="try-numeric-filter">
                Try a numeric filter on the amount
              </Button>
              <Button tone="ghost" className="px-2 py-1 text-xs" onClick={() => setFilter(DESIGNS.stream.filter)} data-testid="use-tier-filter">
                Back to the value tier
              </Button>
            </div>
          ) : null}
        </div>
        <div>
          <label htmlFor={`${id}-template`} className="text-sm font-medium text-fg">Input template</label>
          <textarea id={`${id}-template`} className={areaClass} rows={design === "queue" ? 9 : 15} value={template} spellCheck={false} onChange={(e) => setTemplate(e.target.value)} data-testid="template-text" />
        </div>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-fg">Sample order</legend>
        <div className="mt-1.5 flex flex-wrap gap-1.5" role="group" aria-label="Sample orders">
          {Object.entries(SAMPLE_ORDERS).map(([key, s]) => (
            <Button key={key} tone={key === sampleKey ? "primary" : "secondary"} className="px-2.5 py-1 text-xs" onClick={() => pick(key)} aria-pressed={key === sampleKey} data-testid={`sample-${key}`}>
              {s.label}
            </Button>
          ))}
        </div>
        <label htmlFor={`${id}-sample`} className="sr-only">Sample order as JSON</label>
        <textarea id={`${id}-sample`} className={areaClass} rows={6} value={sample} spellCheck={false} onChange={(e) => setSample(e.target.value)} data-testid="sample-json" />
      </fieldset>
      <Button onClick={() => test.run({ design, filter, template, sample })} busy={test.busy} data-testid="run-sample">
        Run the sample through the pipe
      </Button>
      {test.error ? <ErrorNotice error={test.error} /> : null}
      {result ? <RoutingResult result={result} /> : null}
    </div>
  );
}

function RoutingResult({ result }: { result: RoutingTestResult }) {
  return (
    <div className="space-y-3 rounded-md border border-border p-3" role="status" data-testid="routing-result" data-matched={result.matched}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={result.matched ? "ok" : "warn"}>{result.matched ? "matches: routed" : "no match"}</Badge>
        <span className="text-sm text-fg">{result.fate}</span>
      </div>
      <p className="text-xs text-muted">{result.apiVerdict}</p>
      <p className="text-sm text-fg" data-testid="routing-explanation">{result.explanation}</p>
      <table className="w-full text-left text-xs">
        <caption className="sr-only">What each field of the pattern found in the event</caption>
        <thead className="text-muted">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">Pattern field</th>
            <th scope="col" className="py-1 font-medium">In the event</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {result.fields.map((f) => (
            <tr key={f.path}>
              <td className="py-1 pr-3 font-mono text-fg">{f.path}</td>
              <td className="py-1 font-mono break-all text-fg">{f.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.output !== null ? (
        <div>
          <p className="mb-1 text-xs font-medium text-muted">The message the high-value queue receives{result.outputIsJson ? "" : " (not valid JSON)"}</p>
          <CodeBlock code={result.outputIsJson ? JSON.stringify(JSON.parse(result.output), null, 2) : result.output} label="Rendered input template" />
        </div>
      ) : null}
      <details>
        <summary className="cursor-pointer text-xs font-medium text-muted">The event as the pipe sees it</summary>
        <CodeBlock code={JSON.stringify(result.event, null, 2)} label="The event the filter and template see" className="mt-2" />
      </details>
    </div>
  );
}
