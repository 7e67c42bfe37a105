"use client";
/**
 * The two routing steps: create (or move) the pipe, try its filter and template, send the
 * demonstration batch and see where every order went; the second step sets both runs side by side.
 */
import { useLabAction } from "@/components/lab/panel-kit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import type { LivePipe } from "../live";
import type { RoutingDesign } from "../routing-designs";
import { Outcome, Part, SkipAhead, useStreamsLive } from "./parts";
import { RoutingTester } from "./routing-tester";
import { RunAccountView } from "./run-account";

function PipeState({ pipe, absent }: { pipe: LivePipe | null; absent: string }) {
  if (!pipe) return <Badge>{absent}</Badge>;
  const running = pipe.state === "RUNNING";
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid="pipe-state" data-state={pipe.state}>
      <Badge tone={running ? "ok" : pipe.state.endsWith("FAILED") ? "err" : "warn"}>{pipe.state.toLowerCase().replace(/_/g, " ")}</Badge>
      {pipe.counters ? (
        <span className="text-xs text-muted">
          received {pipe.counters.received} · filtered out {pipe.counters.filteredOut} · delivered {pipe.counters.delivered}
          {pipe.counters.failed ? ` · failed ${pipe.counters.failed}` : ""}
        </span>
      ) : null}
      {!running && !pipe.state.endsWith("FAILED") ? <SkipAhead seconds={4} label="Fast-forward 4 s" waitText="Pipes take about a minute to start on AWS." /> : null}
    </span>
  );
}

function WorkerSwitch({ labId, stepId, workerName }: { labId: string; stepId: string; workerName: string }) {
  const { lab } = useStreamsLive();
  const toggle = useLabAction(labId, stepId, "set-worker-trigger");
  const trigger = lab?.mappings.find((m) => m.function === workerName);
  if (!trigger) return null;
  const on = trigger.state === "Enabled";
  return (
    <div>
      <div className="flex flex-wrap items-center gap-3" data-testid="worker-switch" data-enabled={on}>
        <span className="text-sm text-fg">The worker&apos;s trigger</span>
        <Badge tone={on ? "ok" : "warn"}>{on ? "on: worker and pipe race" : "off: the pipe alone reads the queue"}</Badge>
        <Button tone="secondary" className="px-2.5 py-1 text-xs" onClick={() => toggle.run({ enabled: !on })} busy={toggle.busy} data-testid="worker-trigger">
          {on ? "Pause the worker" : "Resume the worker"}
        </Button>
      </div>
      <Outcome state={toggle} />
    </div>
  );
}

function DemoRun({ labId, stepId, design, workerName }: { labId: string; stepId: string; design: RoutingDesign; workerName: string }) {
  const { lab } = useStreamsLive();
  const run = useLabAction(labId, stepId, "run-demo");
  const view = lab?.runs[design] ?? null;
  const pipe = design === "queue" ? lab?.pipes.queue : lab?.pipes.stream;
  return (
    <div className="space-y-3">
      {design === "queue" ? <WorkerSwitch labId={labId} stepId={stepId} workerName={workerName} /> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => run.run()} busy={run.busy} disabled={pipe?.state !== "RUNNING"} data-testid="run-demo">
          Send the demonstration batch (12 orders)
        </Button>
        <span className="text-xs text-muted">Six ordinary (one of exactly 10,000), four above 10,000, two with FAIL in the notes.</span>
      </div>
      <Outcome state={run} />
      {view ? (
        <>
          {!view.account.settled ? (
            <div className="flex flex-wrap items-center gap-3 rounded-md bg-warn-soft px-3 py-2 text-sm text-fg" data-testid="run-moving">
              <span>Orders are still moving; a failed message comes back after 30 s, three times before the DLQ.</span>
              <SkipAhead seconds={31} label="Fast-forward 31 s" waitText="Wait for the retries (up to a minute and a half)." />
            </div>
          ) : null}
          <RunAccountView run={view} title={design === "queue" ? (view.workerPaused ? "The pipe alone on the queue (worker paused)" : "Pipe and worker on one queue") : "Pipe on the stream, worker on the queue"} />
        </>
      ) : null}
    </div>
  );
}

export function RoutePanel({ labId, stepId, names }: LabPanelProps) {
  const { lab } = useStreamsLive();
  const create = useLabAction(labId, stepId, "create-pipe");
  return (
    <div className="space-y-4" data-testid="route-panel">
      <Part number={1} title="Create the pipe, its role and the high-value worker">
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={() => create.run()} busy={create.busy} tone={lab?.pipes.queue ? "secondary" : "primary"} data-testid="create-pipe">
            {lab?.pipes.queue ? "Create the pipe again" : "Create the pipe"}
          </Button>
          <PipeState pipe={lab?.pipes.queue ?? null} absent={lab?.pipes.stream ? "already moved to the stream" : "no pipe yet"} />
        </div>
        <Outcome state={create} />
      </Part>
      <Part number={2} title="Try the filter and the template">
        <RoutingTester labId={labId} stepId={stepId} design="queue" />
      </Part>
      <Part number={3} title="Two readers on one queue: count the orders" testId="demo-queue">
        <DemoRun labId={labId} stepId={stepId} design="queue" workerName={names.orderWorker} />
      </Part>
    </div>
  );
}

export function StreamPipePanel({ labId, stepId, names }: LabPanelProps) {
  const { lab } = useStreamsLive();
  const move = useLabAction(labId, stepId, "move-pipe");
  const first = lab?.runs.queue ?? null;
  const second = lab?.runs.stream ?? null;
  return (
    <div className="space-y-4" data-testid="stream-pipe-panel">
      <Part number={1} title="Move the pipe to the table's stream">
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={() => move.run()} busy={move.busy} tone={lab?.pipes.stream ? "secondary" : "primary"} data-testid="move-pipe">
            {lab?.pipes.stream ? "Move the pipe again" : "Move the pipe to the stream"}
          </Button>
          <PipeState pipe={lab?.pipes.stream ?? null} absent="not on the stream yet" />
          {lab?.pipes.queue ? <Badge tone="warn">the queue&apos;s pipe is {lab.pipes.queue.state.toLowerCase()}</Badge> : null}
        </div>
        <Outcome state={move} />
      </Part>
      <Part number={2} title="Filter the stream: numbers are text there">
        <RoutingTester labId={labId} stepId={stepId} design="stream" />
      </Part>
      <Part number={3} title="The same batch again, and the two designs side by side" testId="demo-stream">
        <DemoRun labId={labId} stepId={stepId} design="stream" workerName={names.orderWorker} />
        {first && second ? (
          <div className="space-y-2 border-t border-border pt-3" data-testid="comparison">
            <h4 className="text-sm font-semibold text-fg">Compare</h4>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">The two designs compared, run by run</caption>
              <thead className="text-xs text-muted">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium"> </th>
                  <th scope="col" className="py-1 pr-3 font-medium">Pipe on the queue{first.workerPaused ? " (worker paused)" : ""}</th>
                  <th scope="col" className="py-1 font-medium">Pipe on the stream</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {(
                  [
                    ["Reached the worker", first.account.completed + first.account.failed + first.account.inDlq, second.account.completed + second.account.failed + second.account.inDlq],
                    ["High-value orders routed", first.account.routed, second.account.routed],
                    ["Dropped without a trace", first.account.dropped, second.account.dropped],
                    ["In the DLQ", first.account.inDlq, second.account.inDlq],
                  ] as const
                ).map(([label, a, b]) => (
                  <tr key={label}>
                    <th scope="row" className="py-1 pr-3 font-normal text-muted">{label}</th>
                    <td className="py-1 pr-3 font-mono text-fg">{a} of {first.account.created}</td>
                    <td className="py-1 font-mono text-fg">{b} of {second.account.created}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Part>
    </div>
  );
}
