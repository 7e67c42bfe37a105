/**
 * Step 1: the student's prefix and every name it gives this lab's resources. A class shares one
 * AWS account, so the check also looks at each name: free, already this student's, or someone
 * else's (another lab's or another student's), which would make the later steps refuse.
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { readResourceTags, taggedForLab } from "@/lib/lab-framework/resource-tags";
import type { ResourceKind } from "@/lib/lab-framework/types";
import { translateAwsError } from "@/lib/aws/errors";
import { PrefixPanel } from "../panels/prefix-panel";
import { resources, type KinesisLabContext, type KinesisLabResources } from "../resources";

export type NameState = "free" | "yours" | "taken";

export interface NameRow {
  key: string;
  kind: ResourceKind;
  name: string;
  state: NameState;
  /** Whose it is, when taken. */
  owner?: string;
}

const CHECKED: ResourceKind[] = ["sqs-queue", "kinesis-stream", "cloudwatch-dashboard"];

/** Each name the lab creates in AWS, and whether it is free, the student's, or someone else's. */
export async function scanNames(context: KinesisLabContext): Promise<NameRow[]> {
  const entries = Object.entries(resources).filter(([, spec]) => CHECKED.includes(spec.kind));
  return Promise.all(
    entries.map(async ([key, spec]): Promise<NameRow> => {
      const name = context.names[key as keyof KinesisLabResources];
      const reading = await readResourceTags(context, spec.kind, name);
      if (!reading.exists) return { key, kind: spec.kind, name, state: "free" };
      if (reading.tags === null || taggedForLab(context, reading.tags)) return { key, kind: spec.kind, name, state: "yours" };
      const tags = reading.tags;
      const owner = !tags.Student ? "created outside the workbook" : tags.Student !== context.prefix ? `student ${tags.Student}` : `the lab ${tags.Lab ?? "?"}`;
      return { key, kind: spec.kind, name, state: "taken", owner };
    }),
  );
}

export const prefixStep = defineStep<KinesisLabResources>({
  id: "prefix",
  title: "Your prefix and every name",
  explanation: [
    "In a classroom everyone works in **one AWS account**. Two students who both create `order-processing-queue` would share one queue and read each other's orders. So every name in this lab starts with your prefix: `<prefix>-order-processing-queue`, `<prefix>-analytics-stream`, and so on.",
    "The table lists each name the lab will use, from the two queues to the four functions. Everything created is also tagged `Project=ServerlessLab`, `Lab=sqs-vs-kinesis` and `Student=<prefix>`: the workbook changes and deletes only what carries **your** tags, and refuses to touch a resource with your name but someone else's tags.",
    "Check your connection and your names: the check passes when AWS answers and none of your names belongs to someone else. If one does, pick another prefix in Settings.",
  ].join("\n\n"),
  actions: [
    defineAction<KinesisLabResources>({
      id: "check-names",
      label: "Check my connection and names",
      panelOnly: true,
      async run(context) {
        const identity = await context.aws.sts.send(new GetCallerIdentityCommand({}), { abortSignal: context.signal });
        const rows = await scanNames(context);
        const taken = rows.filter((r) => r.state === "taken");
        return {
          message: taken.length
            ? `You act as ${identity.Arn}; ${taken.map((r) => r.name).join(", ")} already belong${taken.length === 1 ? "s" : ""} to someone else.`
            : `You act as ${identity.Arn} in account ${identity.Account}; every name is yours to use.`,
          data: { account: identity.Account ?? "", arn: identity.Arn ?? "", names: rows.map((r) => ({ ...r })) },
        };
      },
    }),
  ],
  async check(context) {
    let account: string;
    try {
      ({ Account: account = "?" } = await context.aws.sts.send(new GetCallerIdentityCommand({}), { abortSignal: context.signal }));
    } catch (error) {
      const friendly = translateAwsError(error, { region: context.region });
      return { passed: false, reason: `${friendly.message} ${friendly.action}` };
    }
    const rows = await scanNames(context);
    const taken = rows.filter((r) => r.state === "taken");
    if (taken.length) {
      return {
        passed: false,
        reason: `${taken.length === 1 ? "A name is" : "Some names are"} already someone else's: choose another prefix in Settings.`,
        details: taken.map((r) => `${r.name}: ${r.owner}`),
      };
    }
    return { passed: true, reason: `Connected to account ${account}; all ${rows.length} names of your prefix ${context.prefix} are free or already yours.` };
  },
  cli: (c) =>
    [
      "aws sts get-caller-identity",
      `# Is a name free? (an error means it is)`,
      `aws sqs get-queue-url --queue-name ${c.names.orderQueue}`,
      `aws kinesis describe-stream-summary --stream-name ${c.names.analyticsStream}`,
      `# Whose is it? Tags say so.`,
      `aws sqs list-queue-tags --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.orderQueue} --query QueueUrl --output text)"`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";',
      'import { SQSClient, GetQueueUrlCommand, ListQueueTagsCommand } from "@aws-sdk/client-sqs";',
      "",
      `const sts = new STSClient({ region: "${c.region}" });`,
      "const { Account, Arn } = await sts.send(new GetCallerIdentityCommand({}));",
      "",
      `const sqs = new SQSClient({ region: "${c.region}" });`,
      `const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "${c.names.orderQueue}" }));`,
      "const { Tags } = await sqs.send(new ListQueueTagsCommand({ QueueUrl }));",
      `const mine = Tags?.Lab === "${c.labId}" && Tags?.Student === "${c.prefix}";`,
    ].join("\n"),
  panel: PrefixPanel,
});
