import { z } from "zod";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { LOAD_BATCH, LOAD_MARK, LOAD_ORDERS, loadCustomer } from "../load-run";
import { callOrderApi, randomOrder, storedOrders } from "../orders";
import { LoadPanel } from "../panels/load-panel";
import { queueAttributes, queueUrl } from "../provision";
import type { CafeResources } from "../resources";
import { workerTrigger } from "../trigger";

const loadParams = z.object({ run: z.string().regex(/^[a-z0-9]{4,12}$/, "run must be 4 to 12 lower-case letters or digits"), batch: z.number().int().min(0).max(LOAD_ORDERS / LOAD_BATCH - 1) }).strict();

export const loadStep = defineStep<CafeResources>({
  id: "load",
  title: "Load",
  explanation: [
    "A busy morning: 100 orders in one go. The API answers each one at once and the queue absorbs the rush; the worker takes them one at a time, several invocations side by side (the trigger adds pollers while the queue has messages, here up to 5 at once), and the queue drains.",
    "Press the button and watch the two bars: orders accepted by the API, and orders stored by the worker. The queue's counts and the diagram show the backlog rise and fall. The check passes once all 100 orders of a run are stored and the queue is empty.",
  ].join("\n\n"),
  panel: LoadPanel,
  actions: [
    defineAction<CafeResources, typeof loadParams>({
      id: "send-load",
      label: `Send ${LOAD_BATCH} load orders`,
      params: loadParams,
      panelOnly: true,
      checkAfter: false,
      async run(context, { run, batch }) {
        let accepted = 0;
        const calls = [];
        for (let i = 0; i < LOAD_BATCH; i++) {
          const n = batch * LOAD_BATCH + i + 1;
          calls.push(callOrderApi(context, JSON.stringify(randomOrder(loadCustomer(run, n), ((n * 37) % 100) / 100))));
        }
        for (const call of await Promise.all(calls)) if (call.response?.statusCode === 202) accepted += 1;
        return { message: `Accepted ${accepted} of ${LOAD_BATCH} orders.`, data: { accepted } };
      },
    }),
  ],
  async check(context) {
    const trigger = await workerTrigger(context);
    if (!trigger || trigger.state !== "Enabled") return { passed: false, reason: "The worker's trigger is off: the orders would only pile up. Enable it in the step “The worker”." };
    const stored = await storedOrders(context, LOAD_MARK);
    const runs = new Map<string, number>();
    for (const order of stored) {
      const run = String(order.customer_name).slice(LOAD_MARK.length).split(" ")[0];
      runs.set(run, (runs.get(run) ?? 0) + 1);
    }
    const best = [...runs.entries()].sort((a, b) => b[1] - a[1])[0];
    if (!best) return { passed: false, reason: `No load orders are stored yet: send ${LOAD_ORDERS} with the button above.` };
    if (best[1] < LOAD_ORDERS) return { passed: false, reason: `${best[1]} of ${LOAD_ORDERS} orders of the last run are stored so far; check again in a moment.` };
    const url = await queueUrl(context, "ordersQueue");
    const attributes = url ? await queueAttributes(context, url) : {};
    const left = Number(attributes.ApproximateNumberOfMessages ?? 0) + Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
    if (left > 0) return { passed: false, reason: `All ${LOAD_ORDERS} load orders are stored, but ${left} other message${left === 1 ? " is" : "s are"} still in the queue.` };
    return { passed: true, reason: `All ${LOAD_ORDERS} orders of the run were stored and the queue drained.` };
  },
  cli: (c) =>
    [
      `QUEUE_URL="$(aws sqs get-queue-url --queue-name ${c.names.ordersQueue} --query QueueUrl --output text)"`,
      "for n in $(seq 1 100); do",
      '  aws sqs send-message --queue-url "$QUEUE_URL" --message-body "{\\"table_number\\":$(( n % 12 + 1 )),\\"customer_name\\":\\"Load $n\\",\\"item\\":\\"Coffee\\",\\"quantity\\":1}" > /dev/null',
      "done",
      'aws sqs get-queue-attributes --queue-url "$QUEUE_URL" --attribute-names ApproximateNumberOfMessages ApproximateNumberOfMessagesNotVisible',
    ].join("\n"),
  sdk: () =>
    [
      'import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";',
      "",
      "// Up to 10 messages per call",
      "for (let batch = 0; batch < 10; batch++) {",
      "  await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: 10 }, (_, i) => ({",
      "    Id: String(i), MessageBody: JSON.stringify({ table_number: i + 1, customer_name: `Load ${batch * 10 + i + 1}`, item: \"Coffee\", quantity: 1 }),",
      "  })) }));",
      "}",
    ].join("\n"),
});
