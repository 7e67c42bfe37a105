"use client";
/**
 * Step 4: two orders side by side, one with a broken event. Per group: what was saved, in the
 * order saved; what still waits in the queue (a local cloud can show it without receiving), with
 * the time until the failing message comes back; what went to the dead-letter queue.
 */
import type { ReactNode } from "react";
import { Countdown, useLabAction } from "@/components/lab/panel-kit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import type { FifoLive, SavedBrief } from "../live";
import { MAX_RECEIVE_COUNT, ORDERING_GROUPS, VISIBILITY_TIMEOUT_SECONDS } from "../lab-settings";
import type { WaitingMessage } from "../queue-peek";
import { MessageChip, Outcome, Section, useFifoLive } from "./panel-parts";

function Arrow() {
  return (
    <span aria-hidden className="self-center text-subtle">
      →
    </span>
  );
}

function waitingChip(m: WaitingMessage, index: number) {
  const label = m.valid ? (m.event ?? "event") : "broken JSON";
  if (m.state === "inFlight") {
    return <MessageChip key={m.sqsMessageId} tone={m.valid ? "inFlight" : "broken"} label={label} note={`in flight · received ${m.receiveCount}×`} testId={`waiting-${index}`} />;
  }
  const note = m.receiveCount > 0 ? `waiting · received ${m.receiveCount}×` : "waiting";
  return <MessageChip key={m.sqsMessageId} tone={m.valid ? "waiting" : "broken"} label={label} note={note} testId={`waiting-${index}`} />;
}

interface SavedGroup {
  sent: SavedBrief[];
  processed: SavedBrief[];
  inOrder: boolean;
}

function Row({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
      <dt className="w-32 shrink-0 pt-1 text-muted">{label}</dt>
      <dd className="flex flex-1 flex-wrap gap-1.5" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function Chain({ messages }: { messages: SavedBrief[] }) {
  if (!messages.length) return <span className="pt-1 text-muted">nothing yet</span>;
  return (
    <>
      {messages.map((m, i) => (
        <span key={m.messageId} className="flex gap-1.5">
          {i ? <Arrow /> : null}
          <MessageChip tone="saved" label={m.event ?? m.messageId.slice(0, 8)} note={m.receiveCount > 1 ? `on delivery ${m.receiveCount}` : undefined} />
        </span>
      ))}
    </>
  );
}

function GroupLane({ group, saved, waiting, dead, canPeek }: { group: string; saved: SavedGroup | null; waiting: WaitingMessage[]; dead: WaitingMessage[]; canPeek: boolean }) {
  const head = waiting.find((m) => m.state === "inFlight" && m.visibleAt !== null);
  const blocked = waiting.some((m) => !m.valid);
  return (
    <li className="rounded-md border border-border p-3" data-testid={`lane-${group}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-sm font-semibold text-fg">{group}</span>
        {blocked ? <Badge tone="warn">waiting on a failing message</Badge> : waiting.length ? <Badge>in the queue</Badge> : saved?.processed.length ? <Badge tone="ok">done so far</Badge> : null}
        {saved?.processed.length ? saved.inOrder ? <Badge tone="ok">saved in the order sent</Badge> : <Badge tone="err">out of order</Badge> : null}
      </div>
      <dl className="mt-2 space-y-2 text-xs">
        <Row label="Sent (SQS order)" testId={`sent-${group}`}>
          <Chain messages={saved?.sent ?? []} />
        </Row>
        <Row label="Saved (consumer)" testId={`saved-${group}`}>
          <Chain messages={saved?.processed ?? []} />
        </Row>
        {canPeek ? (
          <Row label="Still in the queue" testId={`waiting-${group}`}>
            {waiting.length ? waiting.map(waitingChip) : <span className="pt-1 text-muted">none</span>}
          </Row>
        ) : null}
        {dead.length ? (
          <Row label="Dead-letter queue" testId={`dead-${group}`}>
            {dead.map((m) => (
              <MessageChip key={m.sqsMessageId} tone="dead" label={m.valid ? (m.event ?? "event") : "broken JSON"} note={`after ${m.receiveCount} receives`} />
            ))}
          </Row>
        ) : null}
      </dl>
      {head?.visibleAt ? (
        <Countdown
          until={head.visibleAt}
          total={VISIBILITY_TIMEOUT_SECONDS}
          label={head.valid ? "The group's next message is back in" : `The broken message is back in (receive ${head.receiveCount} of ${MAX_RECEIVE_COUNT})`}
          doneLabel="visible again"
          fastForward
          className="mt-3"
        />
      ) : null}
    </li>
  );
}

function byGroup(messages: WaitingMessage[] | null | undefined, group: string): WaitingMessage[] {
  return (messages ?? []).filter((m) => m.group === group);
}

function savedOf(lab: FifoLive | null, group: string): SavedGroup | null {
  return lab?.saved?.groups.find((g) => g.group === group) ?? null;
}

export function OrderingPanel({ labId, stepId }: LabPanelProps) {
  const { lab } = useFifoLive();
  const send = useLabAction(labId, stepId, "send-failing-group");
  const canPeek = Boolean(lab?.queue?.messages);
  const others = (lab?.saved?.groups ?? []).filter((g) => g.group !== ORDERING_GROUPS.first && g.group !== ORDERING_GROUPS.second);
  return (
    <div className="space-y-4">
      <Section title="Two orders, one broken event" testId="ordering-send">
        <p className="text-sm text-muted">
          Sends {ORDERING_GROUPS.first}: placed, <span className="text-err">broken JSON</span>, paid, shipped, and {ORDERING_GROUPS.second}: placed, paid, shipped, interleaved. Keep the consumer running.
        </p>
        <Button busy={send.busy} onClick={() => void send.run({})}>
          Send the two orders
        </Button>
        <Outcome state={send} />
      </Section>

      <Section title="Per group" aside={lab?.consumer?.enabled ? "consumer running" : "consumer not running: start it in step 3"} testId="ordering-lanes">
        <ul className="space-y-3">
          {[ORDERING_GROUPS.first, ORDERING_GROUPS.second].map((group) => (
            <GroupLane key={group} group={group} saved={savedOf(lab, group)} waiting={byGroup(lab?.queue?.messages, group)} dead={byGroup(lab?.dlq?.messages, group)} canPeek={canPeek} />
          ))}
        </ul>
        {!canPeek && lab ? (
          <p className="text-xs text-muted">
            On AWS the page cannot look into a queue without receiving from it. The log shows the waiting instead: <code className="font-mono">message_invalid</code> for each try of the broken message, and
            the queue&apos;s counts on the right.
          </p>
        ) : null}
        {others.length ? (
          <p className="text-xs text-muted" data-testid="other-groups">
            Other groups:{" "}
            {others.map((g, i) => (
              <span key={g.group}>
                {i ? ", " : ""}
                <span className="font-mono text-fg">{g.group}</span> {g.inOrder ? "in order" : <span className="text-err">out of order</span>} ({g.processed.length} saved)
              </span>
            ))}
            .
          </p>
        ) : null}
      </Section>
    </div>
  );
}
