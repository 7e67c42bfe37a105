import { z } from "zod";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { CompetePanel } from "../panels/compete-panel";
import { answerBody, callOrderApi, randomOrder } from "../orders";
import { queueAttributes, queueUrl } from "../provision";
import type { CafeResources } from "../resources";
import { disableTriggerAction, enableTriggerAction, workerTrigger } from "../trigger";

const sendParams = z.object({ count: z.number().int().min(1).max(10) }).strict();

export const sendOrdersAction = defineAction<CafeResources, typeof sendParams>({
  id: "send-orders",
  label: "Send 3 orders",
  params: sendParams,
  fields: [],
  tone: "secondary",
  checkAfter: false,
  async run(context, { count }) {
    let accepted = 0;
    for (let i = 0; i < count; i++) {
      const call = await callOrderApi(context, JSON.stringify(randomOrder(`Guest ${i + 1}`, (i + 0.5) / count)));
      if (call.response?.statusCode === 202) accepted += 1;
      else throw new Error(`The API answered ${call.response?.statusCode ?? call.error}: ${String(answerBody(call).error ?? "")}`);
    }
    return { message: `Sent ${accepted} order${accepted === 1 ? "" : "s"} through the API.` };
  },
});

export const competeStep = defineStep<CafeResources>({
  id: "compete",
  title: "Two consumers compete",
  explanation: [
    "With the trigger on, the worker is a consumer of the queue — and so is anyone who polls it. Send a few orders and press **Poll for messages**: it finds nothing. The orders were not lost: the worker received and deleted them within moments. “No messages available” is what success looks like.",
    "The write-up's rule: **never poll a queue by hand while a trigger reads it.** Two consumers compete for the same messages; whatever you receive is hidden from the worker, raises the receive count, and counts toward the dead-letter queue's limit.",
    "To look at messages, stop the other consumer: **disable the trigger**, send orders, and they wait where you can see them (peeking on the local cloud, or polling). Switching off takes a moment: receives the trigger already had waiting on the queue (long polls of up to 20 seconds) can still pick up a message and hand it back, which counts as a receive, so the page lets you send once they have ended. Then **enable it again** and watch the queue drain. The check passes once you have switched the trigger off and back on and the queue is empty again.",
  ].join("\n\n"),
  panel: CompetePanel,
  actions: [sendOrdersAction, disableTriggerAction(), enableTriggerAction()].map((a) => ({ ...a, panelOnly: true })),
  async check(context) {
    const trigger = await workerTrigger(context);
    if (!trigger) return { passed: false, reason: "There is no trigger yet: enable it in the step “The worker”." };
    const url = await queueUrl(context, "ordersQueue");
    if (!url) return { passed: false, reason: `${context.names.ordersQueue} does not exist.` };
    const lines = await context.runtime.logs({ filter: { type: "mapping", mappingId: trigger.uuid } });
    const disabledAt = lines.findIndex((l) => l.type === "mapping" && l.message.startsWith("Disabled"));
    const enabledAfter = disabledAt >= 0 && lines.slice(disabledAt).some((l) => l.type === "mapping" && l.message.startsWith("Enabled"));
    if (trigger.state !== "Enabled") return { passed: false, reason: "The trigger is off: orders wait in the queue. Look at them, then enable the trigger again." };
    if (!enabledAfter) return { passed: false, reason: "Switch the trigger off once, send orders and see them wait, then switch it back on." };
    const attributes = await queueAttributes(context, url);
    const left = Number(attributes.ApproximateNumberOfMessages ?? 0) + Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
    if (left > 0) return { passed: false, reason: `The trigger is back on; ${left} order${left === 1 ? " is" : "s are"} still being worked through. Check again in a moment.` };
    return { passed: true, reason: "You switched the trigger off and on again, and the worker has emptied the queue." };
  },
  cli: (c) =>
    [
      "# On AWS: find the trigger's UUID, then switch it",
      `aws lambda list-event-source-mappings --function-name ${c.names.orderWorker} --query 'EventSourceMappings[].UUID'`,
      "aws lambda update-event-source-mapping --uuid <uuid> --no-enabled",
      `aws sqs receive-message --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.ordersQueue} --query QueueUrl --output text)" --max-number-of-messages 10`,
      "aws lambda update-event-source-mapping --uuid <uuid> --enabled",
    ].join("\n"),
  sdk: () =>
    [
      'import { UpdateEventSourceMappingCommand } from "@aws-sdk/client-lambda";',
      "",
      "await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: false }));",
      "// ...send orders, look at them...",
      "await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: true }));",
    ].join("\n"),
});
