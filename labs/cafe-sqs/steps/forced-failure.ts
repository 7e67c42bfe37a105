import { DeleteMessageCommand, ListMessageMoveTasksCommand, ReceiveMessageCommand, SendMessageCommand, StartMessageMoveTaskCommand } from "@aws-sdk/client-sqs";
import { PlainFailure, translateAwsError } from "@/lib/aws/errors";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { FailurePanel } from "../panels/failure-panel";
import { answerBody, callOrderApi, randomOrder } from "../orders";
import { ensureDeadLetterQueue, queueAttributes, queueUrl, type CafeContext } from "../provision";
import { MAX_RECEIVE_COUNT } from "../queue-settings";
import type { CafeResources } from "../resources";

async function setFailing(context: CafeContext, failing: boolean): Promise<void> {
  const current = await context.runtime.environment("orderWorker");
  const { FORCE_FAILURE: _drop, ...rest } = current;
  await context.runtime.setEnvironment("orderWorker", failing ? { ...rest, FORCE_FAILURE: "true" } : rest);
}

async function arnOf(context: CafeContext, key: "ordersQueue" | "ordersDlq"): Promise<string> {
  const url = await queueUrl(context, key);
  if (!url) throw new PlainFailure("QueueMissing", `${context.names[key]} does not exist yet.`, key === "ordersDlq" ? "Add the dead-letter queue first." : "Create it in the step “Create the queue” first.", "not-found");
  return (await queueAttributes(context, url)).QueueArn;
}

/** Moves what the DLQ holds back to the queue: SQS's own redrive where the endpoint has it, by hand elsewhere. */
async function redrive(context: CafeContext): Promise<string> {
  const dlqArn = await arnOf(context, "ordersDlq");
  const sourceArn = await arnOf(context, "ordersQueue");
  try {
    const { TaskHandle } = await context.aws.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn, DestinationArn: sourceArn }), { abortSignal: context.signal });
    return `Started a redrive task (${TaskHandle?.slice(0, 12)}…): SQS moves what ${context.names.ordersDlq} holds back to ${context.names.ordersQueue}.`;
  } catch (error) {
    if (translateAwsError(error).family !== "unsupported") throw error;
  }
  const dlqUrl = (await queueUrl(context, "ordersDlq")) as string;
  const sourceUrl = (await queueUrl(context, "ordersQueue")) as string;
  let moved = 0;
  for (;;) {
    const { Messages = [] } = await context.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }), { abortSignal: context.signal });
    if (!Messages.length) break;
    for (const message of Messages) {
      await context.aws.sqs.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: message.Body ?? "" }), { abortSignal: context.signal });
      await context.aws.sqs.send(new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: message.ReceiptHandle }), { abortSignal: context.signal });
      moved += 1;
    }
  }
  return `This endpoint has no redrive task, so the workbook moved ${moved} message${moved === 1 ? "" : "s"} by hand (receive, send, delete).`;
}

export const forcedFailureStep = defineStep<CafeResources>({
  id: "forced-failure",
  title: "Forced failure",
  explanation: [
    "What if the worker fails? Switch it to fail on purpose (the write-up's `raise Exception(\"FORCE FAIL\")`) and send an order. The worker throws, so the trigger deletes nothing; the message stays **in flight** — invisible — for the visibility timeout, 60 seconds, then comes back and is tried again. Its receive count rises with every attempt, and the log shows each failure.",
    "Without a dead-letter queue that goes on until the retention period ends, four days later: one bad order (a **poison message**) keeps failing, costs an invocation a minute and hides real problems. So add one: `CafeOrdersDLQ`, and a redrive policy on the queue with **maxReceiveCount 3**. When a message has been received three times and comes back once more, SQS moves it to the DLQ instead.",
    "Then fix the worker and **redrive** the order from the DLQ back to the queue: it is processed and stored. On the local cloud, fast-forward instead of waiting out each visibility timeout; on AWS the countdown shows how long to wait. The check passes when the DLQ is in place, the worker works again and the redriven order has gone through.",
  ].join("\n\n"),
  panel: FailurePanel,
  actions: [
    defineAction<CafeResources>({
      id: "break-worker",
      label: "Make the worker fail",
      tone: "danger",
      panelOnly: true,
      checkAfter: false,
      async run(context) {
        await setFailing(context, true);
        return { message: "The worker now throws on every order (FORCE_FAILURE=true)." };
      },
    }),
    defineAction<CafeResources>({
      id: "fix-worker",
      label: "Fix the worker",
      panelOnly: true,
      checkAfter: false,
      async run(context) {
        await setFailing(context, false);
        return { message: "The worker stores orders again (FORCE_FAILURE removed)." };
      },
    }),
    defineAction<CafeResources>({
      id: "send-poison-order",
      label: "Send an order",
      tone: "secondary",
      panelOnly: true,
      checkAfter: false,
      async run(context) {
        const call = await callOrderApi(context, JSON.stringify(randomOrder("Unlucky guest")));
        if (call.response?.statusCode !== 202) throw new Error(`The API answered ${call.response?.statusCode ?? call.error}: ${String(answerBody(call).error ?? "")}`);
        return { message: `Sent an order (message ${String(answerBody(call).messageId ?? "").slice(0, 8)}…).`, data: { messageId: String(answerBody(call).messageId ?? "") } };
      },
    }),
    defineAction<CafeResources>({
      id: "add-dlq",
      label: "Add the dead-letter queue",
      panelOnly: true,
      checkAfter: false,
      async run(context) {
        const { created } = await ensureDeadLetterQueue(context);
        return { message: `${created ? "Created" : "Kept"} ${context.names.ordersDlq}; ${context.names.ordersQueue} now moves an order there after ${MAX_RECEIVE_COUNT} receives.` };
      },
    }),
    defineAction<CafeResources>({
      id: "redrive",
      label: "Redrive the DLQ",
      panelOnly: true,
      async run(context) {
        return { message: await redrive(context) };
      },
    }),
  ],
  async check(context) {
    const sourceUrl = await queueUrl(context, "ordersQueue");
    const dlqUrl = await queueUrl(context, "ordersDlq");
    if (!sourceUrl) return { passed: false, reason: `${context.names.ordersQueue} does not exist.` };
    if (!dlqUrl) return { passed: false, reason: `There is no dead-letter queue yet: add ${context.names.ordersDlq}.` };
    const source = await queueAttributes(context, sourceUrl);
    const policy = source.RedrivePolicy ? (JSON.parse(source.RedrivePolicy) as { deadLetterTargetArn?: string; maxReceiveCount?: number | string }) : null;
    if (!policy?.deadLetterTargetArn?.endsWith(`:${context.names.ordersDlq}`) || Number(policy.maxReceiveCount) !== MAX_RECEIVE_COUNT) {
      return { passed: false, reason: `${context.names.ordersQueue} has no redrive policy to ${context.names.ordersDlq} with maxReceiveCount ${MAX_RECEIVE_COUNT}: add the dead-letter queue.` };
    }
    if ((await context.runtime.environment("orderWorker")).FORCE_FAILURE === "true") return { passed: false, reason: "The worker still fails on purpose: fix it, then redrive the DLQ." };
    const dlq = await queueAttributes(context, dlqUrl);
    const inDlq = Number(dlq.ApproximateNumberOfMessages ?? 0) + Number(dlq.ApproximateNumberOfMessagesNotVisible ?? 0);
    if (inDlq > 0) return { passed: false, reason: `${inDlq} order${inDlq === 1 ? " waits" : "s wait"} in the DLQ: redrive ${inDlq === 1 ? "it" : "them"} back to the queue.` };
    let moved: number | null = null;
    try {
      const { Results = [] } = await context.aws.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.QueueArn, MaxResults: 10 }), { abortSignal: context.signal });
      moved = Results.filter((t) => t.Status === "COMPLETED" || t.Status === "RUNNING").reduce((sum, t) => sum + (t.ApproximateNumberOfMessagesMoved ?? 0), 0);
    } catch (error) {
      if (translateAwsError(error).family !== "unsupported") throw error;
    }
    if (moved === 0) return { passed: false, reason: "Nothing has been redriven from the DLQ yet: let a failing order land there, fix the worker, then redrive it." };
    const left = Number(source.ApproximateNumberOfMessages ?? 0) + Number(source.ApproximateNumberOfMessagesNotVisible ?? 0);
    if (left > 0) return { passed: false, reason: `${left} order${left === 1 ? " is" : "s are"} still in ${context.names.ordersQueue}: wait for the worker (is its trigger on?).` };
    return {
      passed: true,
      reason: `Failed orders now end in ${context.names.ordersDlq} after ${MAX_RECEIVE_COUNT} receives, the worker works again, and the redriven order${moved && moved > 1 ? "s have" : " has"} gone through.`,
      details: moved === null ? ["This endpoint does not list redrive tasks, so the redrive itself was not confirmed."] : [`Messages moved back from the DLQ: ${moved}.`],
    };
  },
  cli: (c) =>
    [
      `aws sqs create-queue --queue-name ${c.names.ordersDlq} --attributes MessageRetentionPeriod=1209600 --tags Lab=${c.labId},Student=${c.prefix},Project=${c.tags.Project}`,
      `aws sqs set-queue-attributes --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.ordersQueue} --query QueueUrl --output text)" \\`,
      `  --attributes '{"RedrivePolicy":"{\\"deadLetterTargetArn\\":\\"arn:aws:sqs:${c.region}:<account>:${c.names.ordersDlq}\\",\\"maxReceiveCount\\":\\"${MAX_RECEIVE_COUNT}\\"}"}'`,
      "",
      "# Once the worker is fixed: move the DLQ's messages back to where they came from",
      `aws sqs start-message-move-task --source-arn arn:aws:sqs:${c.region}:<account>:${c.names.ordersDlq}`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { SetQueueAttributesCommand, StartMessageMoveTaskCommand } from "@aws-sdk/client-sqs";',
      "",
      "await sqs.send(new SetQueueAttributesCommand({",
      "  QueueUrl: ordersQueueUrl,",
      `  Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: ${MAX_RECEIVE_COUNT} }) },`,
      "}));",
      `// ${c.names.ordersDlq} → back to ${c.names.ordersQueue}`,
      "await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));",
    ].join("\n"),
});
