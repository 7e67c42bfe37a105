import { PlainFailure } from "@/lib/aws/errors";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { RoutePanel } from "../panels/routing-panels";
import { configureFunctions, readRun } from "../demo-run";
import type { StreamsContext } from "../provision/context";
import { describePipe, ensurePipe, ensurePipeRole } from "../provision/pipe";
import { ensureHighValueQueue, queueRef } from "../provision/queues";
import type { StreamsResources } from "../resources";
import { DESIGNS } from "../routing";
import { runDemoAction, testRoutingAction, workerTriggerAction } from "./routing-actions";

/** The high-value queue and its worker: the pipe's target, in both designs. */
export async function ensureHighValueConsumer(context: StreamsContext): Promise<string> {
  const target = await ensureHighValueQueue(context);
  await configureFunctions(context, ["highValueWorker"]);
  await context.runtime.ensureMapping("highValueWorker", "highValueQueue", { batchSize: 10 });
  return target.arn;
}

export const routeWithPipeStep = defineStep<StreamsResources>({
  id: "route-with-pipe",
  title: "Route high-value orders with a pipe",
  explanation: [
    "High-value orders should go to a fraud check of their own. An **EventBridge Pipe** connects one source to one target with no code: it reads the source, keeps the events its **filter** matches, reshapes each with an **input template**, and delivers it. Here the source is the processing queue, the filter is an event pattern on the message body, `{\"body\": {\"amount\": [{\"numeric\": [\">\", 10000]}]}}`, and the target is `high-value-orders-queue`, read by **HighValueWorker**.",
    "The template writes a clean payload for the fraud team: the order's id, customer, product and amount, why it was routed, and which pipe routed it (`<aws.pipes.pipe-name>`). Try it below with sample orders, including the awkward ones: exactly 10,000, an amount written as text, no amount at all.",
    "A pipe acts as an IAM role. The workbook creates `HighValueOrderPipeRole`, which EventBridge Pipes in your account alone may assume, allowed to receive and delete from the processing queue and to send to the high-value queue: nothing more.",
    "**Two readers, one queue.** A pipe does not copy messages: it receives them, exactly as the worker does, and SQS hands each message to one receiver only. So every order now goes to the worker or to the pipe, whichever asks first. An ordinary order that reaches the pipe fails its filter, and the pipe **deletes** it: no status change, no DLQ, no error anywhere. A high-value order that reaches the worker is failed by the business rule and never routed. The pipe's receives also count towards the three before the DLQ.",
    "Send the demonstration batch and count where each order ends up, twice: first with the worker's trigger off, so the pipe alone reads the queue (every ordinary order simply vanishes), then with both running, where it is a race. On the local cloud the pipe polls once a second while the worker long-polls, so the worker wins most first deliveries and the pipe most retries; on AWS both poll all the time and the split is closer to even. Either way each message goes to exactly one of them.",
  ].join("\n\n"),
  actions: [
    defineAction<StreamsResources>({
      id: "create-pipe",
      label: "Create the pipe, its role and the high-value worker",
      panelOnly: true,
      async run(context) {
        if (await describePipe(context, "streamPipe")) {
          throw new PlainFailure("AlreadyOnStream", "The pipe already reads the table's stream (the next step's design).", "Carry on with the next step, or run clean-up to start the lab again.");
        }
        const source = await queueRef(context, "processingQueue");
        if (!source) throw new PlainFailure("QueueMissing", `${context.names.processingQueue} does not exist yet.`, "Run the earlier steps first.");
        const target = await ensureHighValueConsumer(context);
        const role = await ensurePipeRole(context, "queue", { source: source.arn, target });
        const pipe = await ensurePipe(context, "queue", { source: source.arn, target, role: role.arn });
        return { message: `${role.created ? `Created ${context.names.pipeRole}. ` : ""}${pipe.message} ${context.names.highValueWorker} reads ${context.names.highValueQueue}.` };
      },
    }),
    testRoutingAction(),
    workerTriggerAction(),
    runDemoAction("queue"),
  ],
  panel: RoutePanel,
  async check(context) {
    const run = await readRun(context, "queue");
    if (!run) {
      const pipe = await describePipe(context, "highValuePipe");
      if (!pipe) return { passed: false, reason: "No pipe yet, and no demonstration run: create the pipe, then send the batch." };
      return { passed: false, reason: `${context.names.highValuePipe} is ${(pipe.CurrentState ?? "unknown").toLowerCase()}; send the demonstration batch once it is running.` };
    }
    const a = run.account;
    if (!a.settled) return { passed: false, reason: `Run ${run.runId} is still moving: ${a.moving} of its orders are in a queue. Fast-forward or wait, then check again.` };
    return {
      passed: true,
      reason: `Run ${run.runId}${run.workerPaused ? " (worker paused)" : ""}: all ${a.created} orders accounted for — ${a.completed} completed, ${a.failed} failed, ${a.routed} routed, ${a.inDlq} in the DLQ, ${a.dropped} dropped by the filter.`,
      details: a.warnings,
    };
  },
  cli: (c) =>
    [
      "ACCOUNT=$(aws sts get-caller-identity --query Account --output text)",
      `aws iam create-role --role-name ${c.names.pipeRole} --tags Key=Project,Value=ServerlessLab Key=Lab,Value=${c.labId} Key=Student,Value=${c.prefix} \\`,
      `  --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pipes.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"'"$ACCOUNT"'"}}}]}'`,
      `aws iam put-role-policy --role-name ${c.names.pipeRole} --policy-name HighValueRouting --policy-document '{"Version":"2012-10-17","Statement":[`,
      `  {"Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:DeleteMessage","sqs:GetQueueAttributes"],"Resource":"arn:aws:sqs:${c.region}:'"$ACCOUNT"':${c.names.processingQueue}"},`,
      `  {"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:${c.region}:'"$ACCOUNT"':${c.names.highValueQueue}"}]}'`,
      `aws pipes create-pipe --name ${c.names.highValuePipe} --role-arn arn:aws:iam::$ACCOUNT:role/${c.names.pipeRole} \\`,
      `  --source arn:aws:sqs:${c.region}:$ACCOUNT:${c.names.processingQueue} \\`,
      `  --source-parameters '{"SqsQueueParameters":{"BatchSize":10},"FilterCriteria":{"Filters":[{"Pattern":"{\\"body\\":{\\"amount\\":[{\\"numeric\\":[\\">\\",10000]}]}}"}]}}' \\`,
      `  --target arn:aws:sqs:${c.region}:$ACCOUNT:${c.names.highValueQueue} \\`,
      `  --target-parameters '{"InputTemplate":"{\\"orderId\\": <$.body.orderId>, \\"amount\\": <$.body.amount>, \\"routedBy\\": \\"<aws.pipes.pipe-name>\\"}"}' \\`,
      `  --tags Project=ServerlessLab,Lab=${c.labId},Student=${c.prefix}`,
      `aws pipes describe-pipe --name ${c.names.highValuePipe} --query CurrentState`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { PipesClient, CreatePipeCommand } from "@aws-sdk/client-pipes";',
      "",
      `await new PipesClient({ region: "${c.region}" }).send(new CreatePipeCommand({`,
      `  Name: "${c.names.highValuePipe}",`,
      `  RoleArn: \`arn:aws:iam::\${account}:role/${c.names.pipeRole}\`,`,
      "  Source: processingQueueArn,",
      "  SourceParameters: {",
      "    SqsQueueParameters: { BatchSize: 10 },",
      `    FilterCriteria: { Filters: [{ Pattern: JSON.stringify(${JSON.stringify(JSON.parse(DESIGNS.queue.filter))}) }] },`,
      "  },",
      "  Target: highValueQueueArn,",
      `  TargetParameters: { InputTemplate: ${JSON.stringify(DESIGNS.queue.template.replace(/\n\s*/g, " "))} },`,
      `  Tags: { Project: "ServerlessLab", Lab: "${c.labId}", Student: "${c.prefix}" },`,
      "}));",
    ].join("\n"),
});
