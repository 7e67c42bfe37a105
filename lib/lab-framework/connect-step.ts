/**
 * A first step any lab can start with: prove the connection works and see the names the prefix
 * gives this lab's resources. It calls STS GetCallerIdentity, which needs no permission.
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { translateAwsError } from "@/lib/aws/errors";
import { defineAction, defineStep } from "./define";
import type { LabStep, ResourceMap } from "./types";

export function connectStep<R extends ResourceMap>(): LabStep<R> {
  return defineStep<R>({
    id: "connect",
    title: "Check your connection",
    explanation: [
      "Every call in this lab goes through the connection shown at the top of the page: the local cloud, another endpoint, or your own AWS account. Before creating anything, ask AWS who you are.",
      "**STS GetCallerIdentity** answers with your account and the ARN of the user or role you act as. It needs no permission, so when it fails the cause is the credentials, the region or the endpoint, never a policy.",
      "Your prefix goes in front of every name this lab creates, and every resource is tagged `Project=ServerlessLab`, `Lab=<lab id>` and `Student=<prefix>`, so classmates sharing one account never collide and clean-up removes only what is yours.",
    ].join("\n\n"),
    actions: [
      defineAction<R>({
        id: "who-am-i",
        label: "Ask AWS who I am",
        async run(context) {
          const identity = await context.aws.sts.send(new GetCallerIdentityCommand({}), { abortSignal: context.signal });
          return {
            message: `You act as ${identity.Arn} in account ${identity.Account}.`,
            data: { account: identity.Account ?? "", arn: identity.Arn ?? "" },
          };
        },
      }),
    ],
    async check(context) {
      try {
        const identity = await context.aws.sts.send(new GetCallerIdentityCommand({}), { abortSignal: context.signal });
        return { passed: true, reason: `Connected as ${identity.Arn} (account ${identity.Account}).` };
      } catch (error) {
        const friendly = translateAwsError(error, { region: context.region });
        return { passed: false, reason: `${friendly.message} ${friendly.action}` };
      }
    },
    cli: () => "aws sts get-caller-identity",
    sdk: (c) =>
      [
        'import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";',
        "",
        `const sts = new STSClient({ region: "${c.region}" });`,
        "const { Account, Arn } = await sts.send(new GetCallerIdentityCommand({}));",
      ].join("\n"),
  });
}
