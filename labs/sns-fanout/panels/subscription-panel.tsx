"use client";
/**
 * Subscribe OrderQueue (and see the queue policy that lets the topic send), publish the sample
 * order, read the envelope it arrives in field by field, then turn raw message delivery on and
 * compare what the queue gets.
 */
import { useCallback, useState } from "react";
import { useLabAction } from "@/components/lab/panel-kit";
import { MessageAttributeList } from "@/components/queue/message-attributes";
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { StepPart } from "@/components/ui/step-part";
import type { DeliveryView } from "../deliveries";
import { meaningOf } from "../envelope-fields";
import { Outcome, pretty, useFanoutLive } from "./panel-parts";

function EnvelopeTable({ message }: { message: DeliveryView }) {
  return (
    <div className="overflow-x-auto rounded-md border border-border" data-testid="envelope-fields">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">The fields of the SNS envelope, in the order they arrived</caption>
        <thead className="bg-surface-2 text-xs text-muted">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Field</th>
            <th scope="col" className="px-3 py-2 font-medium">Value</th>
            <th scope="col" className="px-3 py-2 font-medium">What it is</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border align-top">
          {(message.envelope ?? []).map(({ field, value }) => (
            <tr key={field} data-field={field}>
              <th scope="row" className="px-3 py-2 font-mono text-xs font-semibold whitespace-nowrap text-fg">
                {field}
              </th>
              <td className="max-w-[22rem] px-3 py-2">
                {field === "Message" ? (
                  <div className="space-y-1.5">
                    <span className="font-mono text-xs break-all text-fg" data-testid="message-as-string">
                      {JSON.stringify(value)}
                    </span>
                    <p className="text-xs text-muted">a string; parsed again it is the order:</p>
                    <pre className="overflow-x-auto rounded bg-code-bg px-2 py-1.5 font-mono text-xs text-code-fg" tabIndex={0} aria-label="The Message field, parsed">
                      {pretty(value)}
                    </pre>
                  </div>
                ) : (
                  <span className="font-mono text-xs break-all text-fg">{value.length > 120 ? `${value.slice(0, 120)}…` : value}</span>
                )}
              </td>
              <td className="px-3 py-2 text-xs text-muted">{meaningOf(field)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RawView({ message }: { message: DeliveryView }) {
  return (
    <div className="space-y-2" data-testid="raw-delivery">
      <CodeBlock code={pretty(message.body)} label="The raw message body" />
      {message.messageAttributes.length ? (
        <MessageAttributeList attributes={message.messageAttributes} className="rounded-md border border-border px-3 py-2" testId="sqs-attributes" />
      ) : (
        <p className="text-xs text-muted">No SQS message attributes.</p>
      )}
    </div>
  );
}

function Delivery({ message }: { message: DeliveryView }) {
  const wrapped = message.delivery === "sns-envelope";
  return (
    <article className="space-y-2" data-testid="delivery" data-delivery={message.delivery}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
        <Badge tone={wrapped ? "accent" : "ok"}>{wrapped ? "in SNS's envelope" : message.delivery === "raw" ? "raw" : message.delivery}</Badge>
        <span>
          SQS message <span className="font-mono text-fg">{message.messageId.slice(0, 8)}…</span>
        </span>
        <span>received {message.receiveCount} time{message.receiveCount === 1 ? "" : "s"}</span>
        {message.orderId ? <span>order {message.orderId}</span> : null}
      </div>
      {wrapped ? <EnvelopeTable message={message} /> : <RawView message={message} />}
    </article>
  );
}

const DIFFERENCES = [
  ["The body", "SNS's JSON document; the order is a string in Message", "the published text, byte for byte"],
  ["Parsing", "JSON.parse(body), then JSON.parse(body.Message)", "JSON.parse(body)"],
  ["Message attributes", "inside the body, as MessageAttributes { Type, Value }", "real SQS message attributes (at most 10)"],
  ["Topic, MessageId, Timestamp, Signature", "in the body", "gone: the consumer cannot tell which topic sent it"],
] as const;

export function SubscriptionPanel({ labId, stepId }: LabPanelProps) {
  const { lab } = useFanoutLive();
  const subscribe = useLabAction(labId, stepId, "subscribe-order-queue");
  const publish = useLabAction(labId, stepId, "publish-sample-order");
  const raw = useLabAction(labId, stepId, "set-raw-delivery");
  const look = useLabAction(labId, stepId, "look-at-order-queue");
  const [messages, setMessages] = useState<DeliveryView[] | null>(null);
  const subscription = lab?.subscriptions.orderQueue ?? null;
  const canPeek = lab?.canPeek ?? false;
  const policy = (subscribe.result?.outcome.data as { queuePolicy?: string } | undefined)?.queuePolicy;

  const refresh = useCallback(
    async (receive: boolean) => {
      const response = await look.run({ receive });
      const data = response?.outcome.data as { messages?: DeliveryView[] } | undefined;
      if (data?.messages) setMessages(data.messages);
    },
    [look],
  );

  async function publishSample() {
    const response = await publish.run();
    if (response && canPeek) await refresh(false);
  }

  const latestWrapped = messages?.find((m) => m.delivery === "sns-envelope");
  const latestRaw = messages?.find((m) => m.delivery === "raw");

  return (
    <div className="space-y-4" data-testid="subscription-panel">
      <StepPart number={1} title="Subscribe OrderQueue to the topic">
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={() => subscribe.run()} busy={subscribe.busy} tone={subscription ? "secondary" : "primary"} data-testid="subscribe">
            {subscription ? "Subscribe again (shows the policy)" : "Subscribe OrderQueue"}
          </Button>
          {subscription ? <Badge tone="ok">subscribed{subscription.raw ? " · raw delivery" : ""}</Badge> : <Badge>not subscribed</Badge>}
        </div>
        <Outcome state={subscribe} />
        {policy ? (
          <div>
            <p className="mb-1.5 text-sm text-muted">The access policy now on OrderQueue: only this topic, through SNS, may send to it.</p>
            <CodeBlock code={policy} label="OrderQueue's access policy" />
          </div>
        ) : null}
      </StepPart>

      <StepPart number={2} title="Publish the sample order and read what arrives">
        <div className="flex flex-wrap gap-2">
          <Button onClick={publishSample} busy={publish.busy} disabled={!subscription} data-testid="publish-sample">
            Publish order O1234
          </Button>
          {canPeek ? (
            <Button tone="secondary" onClick={() => refresh(false)} busy={look.busy} disabled={!subscription} data-testid="peek-order-queue">
              Look again
            </Button>
          ) : (
            <Button tone="secondary" onClick={() => refresh(true)} busy={look.busy} disabled={!subscription} data-testid="poll-order-queue">
              Poll OrderQueue (counts as a receive)
            </Button>
          )}
        </div>
        {!canPeek ? (
          <p className="text-xs text-muted">
            On AWS, looking at a message is a receive: each Poll raises its receive count, and after {3} the next receive moves it to OrderDLQ. Poll once or twice, not more.
          </p>
        ) : null}
        {lab?.processor.enabled ? <p className="text-xs text-warn">The processor is running and takes new orders out of the queue at once; turn its trigger off in step 6 to read them here.</p> : null}
        <Outcome state={publish} />
        <Outcome state={look} />
        {latestWrapped ? <Delivery message={latestWrapped} /> : null}
      </StepPart>

      <StepPart number={3} title="Raw message delivery">
        <div className="flex flex-wrap items-center gap-3">
          <Button
            tone={subscription?.raw ? "secondary" : "primary"}
            onClick={() => raw.run({ raw: !subscription?.raw })}
            busy={raw.busy}
            disabled={!subscription}
            data-testid="raw-toggle"
          >
            {subscription?.raw ? "Turn raw message delivery off" : "Turn raw message delivery on"}
          </Button>
          <span className="text-sm text-muted">
            RawMessageDelivery is <span className="font-mono font-semibold text-fg">{subscription?.raw ? "true" : "false"}</span> on this subscription.
          </span>
        </div>
        <Outcome state={raw} />
        {subscription?.raw ? (
          <Button tone="secondary" onClick={publishSample} busy={publish.busy} data-testid="publish-sample-raw">
            Publish order O1234 again
          </Button>
        ) : null}
        {latestRaw ? <Delivery message={latestRaw} /> : null}
        {latestRaw && latestWrapped ? (
          <div className="overflow-x-auto rounded-md border border-border" data-testid="differences">
            <table className="w-full text-left text-sm">
              <caption className="px-3 pt-2 text-left text-xs font-medium text-muted">Envelope or raw: what the consumer sees</caption>
              <thead className="text-xs text-muted">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium"> </th>
                  <th scope="col" className="px-3 py-2 font-medium">In the envelope</th>
                  <th scope="col" className="px-3 py-2 font-medium">Raw</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border align-top">
                {DIFFERENCES.map(([what, wrapped, plain]) => (
                  <tr key={what}>
                    <th scope="row" className="px-3 py-2 text-xs font-semibold text-fg">{what}</th>
                    <td className="px-3 py-2 text-xs text-muted">{wrapped}</td>
                    <td className="px-3 py-2 text-xs text-muted">{plain}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <p className="text-xs text-muted">OrderProcessor (next step) reads both forms, so it does not matter which one you leave on.</p>
      </StepPart>
    </div>
  );
}
