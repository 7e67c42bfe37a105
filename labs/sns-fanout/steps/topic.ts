/**
 * Step: the topic orders are published to.
 */
import { GetTopicAttributesCommand, ListTagsForResourceCommand } from "@aws-sdk/client-sns";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { taggedForLab } from "@/lib/lab-framework/resource-tags";
import { ensureTopic, topicArn, topicExists } from "../provision";
import type { Resources } from "../resources";

export const topicStep = defineStep<Resources>({
  id: "topic",
  title: "The topic",
  explanation: [
    "An SNS **topic** is a name you publish to. It keeps nothing: the moment a message arrives, SNS pushes a copy to every subscriber of the topic and forgets it. A topic with no subscribers accepts a publish and delivers it nowhere.",
    "That is the difference from a queue. A queue holds messages until one consumer takes each; a topic hands each message to all of its subscribers at once. Putting a topic in front of a queue costs nothing now and means that, later, a second or third consumer can get every order without the publisher changing a line.",
    "The publisher only needs the topic's ARN, `arn:aws:sns:<region>:<account>:<name>`.",
  ].join("\n\n"),
  actions: [
    defineAction<Resources>({
      id: "create-topic",
      label: "Create the topic",
      async run(context) {
        const { arn, created } = await ensureTopic(context);
        return { message: created ? `Created ${context.names.orderTopic}.` : `${context.names.orderTopic} was already there; nothing changed.`, data: { topicArn: arn } };
      },
    }),
  ],
  async check(context) {
    const name = context.names.orderTopic;
    if (!(await topicExists(context))) return { passed: false, reason: `There is no topic ${name} yet: create it with the button above.` };
    const ResourceArn = await topicArn(context);
    const { Tags = [] } = await context.aws.sns.send(new ListTagsForResourceCommand({ ResourceArn }), { abortSignal: context.signal });
    if (!taggedForLab(context, Object.fromEntries(Tags.map((t) => [t.Key ?? "", t.Value])))) {
      return { passed: false, reason: `${name} exists but is not tagged for this lab and prefix; it was not created by this lab.` };
    }
    const { Attributes = {} } = await context.aws.sns.send(new GetTopicAttributesCommand({ TopicArn: ResourceArn }), { abortSignal: context.signal });
    return { passed: true, reason: `${name} exists with ${Attributes.SubscriptionsConfirmed ?? "0"} confirmed subscriptions.`, details: [`ARN: ${ResourceArn}`] };
  },
  cli: (c) =>
    [
      `aws sns create-topic --name ${c.names.orderTopic} \\`,
      `  --tags Key=Project,Value=${c.tags.Project} Key=Lab,Value=${c.tags.Lab} Key=Student,Value=${c.tags.Student}`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { SNSClient, CreateTopicCommand } from "@aws-sdk/client-sns";',
      "",
      `const sns = new SNSClient({ region: "${c.region}" });`,
      "const { TopicArn } = await sns.send(new CreateTopicCommand({",
      `  Name: "${c.names.orderTopic}",`,
      `  Tags: [{ Key: "Project", Value: "${c.tags.Project}" }, { Key: "Lab", Value: "${c.tags.Lab}" }, { Key: "Student", Value: "${c.tags.Student}" }],`,
      "}));",
    ].join("\n"),
});
