import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { translateAwsError } from "@/lib/aws/errors";
import { defineStep } from "@/lib/lab-framework/define";
import { checkOwnership } from "@/lib/lab-framework/ownership";
import { WhyAQueuePanel } from "../panels/why-a-queue-panel";
import type { CafeResources } from "../resources";

export const whyAQueueStep = defineStep<CafeResources>({
  id: "why-a-queue",
  title: "Why a queue",
  explanation: [
    "A customer orders a latte. In the **synchronous** design the order API writes the order to the database and answers only once the write is done. A slow database makes every customer wait; a database that is down turns every order into an error, and the order is gone.",
    "In the **asynchronous** design the API drops the order into a queue and answers **202 Accepted** straight away. A worker takes orders off the queue in the background and stores them. A slow database only makes the queue longer, and an order the worker fails on stays in the queue and is tried again.",
    "- The customer's answer no longer depends on the database.\n- Orders wait safely while the worker is down, for as long as the queue keeps messages.\n- A rush of orders waits its turn instead of overloading the database.",
    "Try the two designs below with a healthy, a slow and a broken database. The diagram at the top of the page is what you build in this lab; its boxes show live counts as you go. The check makes sure your connection works and that the names this lab uses are free (or already yours).",
  ].join("\n\n"),
  actions: [],
  panel: WhyAQueuePanel,
  async check(context) {
    try {
      const identity = await context.aws.sts.send(new GetCallerIdentityCommand({}), { abortSignal: context.signal });
      for (const [key, kind] of [["ordersQueue", "sqs-queue"], ["ordersDlq", "sqs-queue"], ["ordersTable", "dynamodb-table"], ["menuTable", "dynamodb-table"]] as const) {
        await checkOwnership(context, kind, context.names[key]);
      }
      return { passed: true, reason: `Connected as ${identity.Arn}; the names this lab uses are free or already yours.` };
    } catch (error) {
      const friendly = translateAwsError(error, { region: context.region });
      return { passed: false, reason: `${friendly.message} ${friendly.action}` };
    }
  },
  cli: (c) =>
    [
      "# Who am I, and is the queue's name free? (an error QueueDoesNotExist means it is)",
      "aws sts get-caller-identity",
      `aws sqs get-queue-url --queue-name ${c.names.ordersQueue}`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";',
      'import { SQSClient, GetQueueUrlCommand } from "@aws-sdk/client-sqs";',
      "",
      `const sts = new STSClient({ region: "${c.region}" });`,
      `const sqs = new SQSClient({ region: "${c.region}" });`,
      "console.log(await sts.send(new GetCallerIdentityCommand({})));",
      `await sqs.send(new GetQueueUrlCommand({ QueueName: "${c.names.ordersQueue}" })); // throws QueueDoesNotExist while the name is free`,
    ].join("\n"),
});
