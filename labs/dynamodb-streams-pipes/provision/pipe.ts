/**
 * The high-value pipe and the role it acts as. The role trusts EventBridge Pipes for this account
 * only, and its one inline policy allows exactly what the current design needs: reading its
 * source (the processing queue, or the table's stream) and sending to the high-value queue.
 */
import { CreateRoleCommand, GetRoleCommand, GetRolePolicyCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { CreatePipeCommand, DeletePipeCommand, DescribePipeCommand, UpdatePipeCommand, type DescribePipeCommandOutput } from "@aws-sdk/client-pipes";
import { PlainFailure, translateAwsError } from "@/lib/aws/errors";
import { checkOwnership } from "@/lib/lab-framework/ownership";
import { compactJson, DESIGNS, type RoutingDesign } from "../routing";
import { options, sleep, type StreamsContext } from "./context";

export const ROLE_POLICY_NAME = "HighValueRouting";

export type PipeKey = "highValuePipe" | "streamPipe";

export const PIPE_OF: Record<RoutingDesign, PipeKey> = { queue: "highValuePipe", stream: "streamPipe" };

export function trustPolicy(accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "pipes.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  });
}

/** Least privilege for one design: read its source, send to the high-value queue, nothing else. */
export function routingPolicy(design: RoutingDesign, arns: { source: string; target: string }): string {
  const read =
    design === "queue"
      ? [{ Sid: "ReadTheProcessingQueue", Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: arns.source }]
      : [
          { Sid: "ReadTheOrdersStream", Effect: "Allow", Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], Resource: arns.source },
          { Sid: "FindTheStream", Effect: "Allow", Action: "dynamodb:ListStreams", Resource: "*" },
        ];
  return JSON.stringify({ Version: "2012-10-17", Statement: [...read, { Sid: "SendToTheHighValueQueue", Effect: "Allow", Action: "sqs:SendMessage", Resource: arns.target }] });
}

/** Creates the role if needed and (re)writes its policy for the design; answers the role's ARN. */
export async function ensurePipeRole(context: StreamsContext, design: RoutingDesign, arns: { source: string; target: string }): Promise<{ arn: string; created: boolean }> {
  const name = context.names.pipeRole;
  let created = false;
  if ((await checkOwnership(context, "iam-role", name)) === "absent") {
    await context.aws.iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: trustPolicy(await context.accountId()),
        Description: "Lets the high-value order pipe read its source and send to the high-value queue.",
        Tags: context.tagList(),
      }),
      options(context),
    );
    created = true;
  }
  await context.aws.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: ROLE_POLICY_NAME, PolicyDocument: routingPolicy(design, arns) }), options(context));
  const { Role } = await context.aws.iam.send(new GetRoleCommand({ RoleName: name }), options(context));
  return { arn: Role?.Arn ?? "", created };
}

/** The role's policy as IAM returns it (URL-encoded JSON), parsed; null without one. */
export async function readRolePolicy(context: StreamsContext): Promise<{ Statement: Array<{ Sid?: string; Action: string | string[]; Resource: string | string[] }> } | null> {
  try {
    const { PolicyDocument } = await context.aws.iam.send(new GetRolePolicyCommand({ RoleName: context.names.pipeRole, PolicyName: ROLE_POLICY_NAME }), options(context));
    return PolicyDocument ? (JSON.parse(decodeURIComponent(PolicyDocument)) as { Statement: Array<{ Sid?: string; Action: string | string[]; Resource: string | string[] }> }) : null;
  } catch (error) {
    if (translateAwsError(error).family === "not-found") return null;
    throw error;
  }
}

export function pipeDefinition(design: RoutingDesign, arns: { source: string; target: string; role: string }) {
  return {
    RoleArn: arns.role,
    SourceParameters: {
      ...(design === "queue"
        ? { SqsQueueParameters: { BatchSize: 10 } }
        : { DynamoDBStreamParameters: { StartingPosition: "LATEST" as const, BatchSize: 10 } }),
      FilterCriteria: { Filters: [{ Pattern: compactJson(DESIGNS[design].filter) }] },
    },
    Target: arns.target,
    TargetParameters: { InputTemplate: DESIGNS[design].template },
    DesiredState: "RUNNING" as const,
  };
}

export async function describePipe(context: StreamsContext, key: PipeKey): Promise<DescribePipeCommandOutput | null> {
  try {
    return await context.aws.pipes.send(new DescribePipeCommand({ Name: context.names[key] }), options(context));
  } catch (error) {
    if (translateAwsError(error).family === "not-found") return null;
    throw error;
  }
}

const TRANSITIONAL = new Set(["CREATING", "UPDATING", "DELETING", "STARTING", "STOPPING"]);

/** IAM takes a few seconds to make a new role usable everywhere; CreatePipe says so until then. */
function roleNotReadyYet(error: unknown): boolean {
  const text = `${(error as { name?: string }).name ?? ""} ${(error as Error).message ?? ""}`.toLowerCase();
  return text.includes("validation") && (text.includes("role") || text.includes("assume"));
}

/** Creates the pipe, or brings an existing one of ours back to the design's definition. */
export async function ensurePipe(context: StreamsContext, design: RoutingDesign, arns: { source: string; target: string; role: string }): Promise<{ message: string }> {
  const key = PIPE_OF[design];
  const name = context.names[key];
  const definition = pipeDefinition(design, arns);
  if ((await checkOwnership(context, "pipe", name)) === "absent") {
    for (let attempt = 1; ; attempt++) {
      try {
        await context.aws.pipes.send(new CreatePipeCommand({ Name: name, Source: arns.source, ...definition, Tags: { ...context.tags } }), options(context));
        return { message: `Created ${name}; it starts in a few seconds.` };
      } catch (error) {
        if (attempt >= 8 || !roleNotReadyYet(error)) throw error;
        await sleep(5000, context.signal);
      }
    }
  }
  const current = await describePipe(context, key);
  if (current?.CurrentState && TRANSITIONAL.has(current.CurrentState)) {
    throw new PlainFailure("PipeBusy", `${name} is ${current.CurrentState.toLowerCase()} right now.`, "Wait a few seconds until it settles, then run the step again.", "throttled");
  }
  if (current?.Source !== arns.source) {
    throw new PlainFailure("PipeSourceChanged", `${name} reads ${current?.Source ?? "another source"}, and a pipe's source cannot change.`, "Run the clean-up step (or delete the pipe) and create it again.");
  }
  // UpdatePipe takes the same definition, except a stream's starting position, which is fixed.
  const { SourceParameters, ...rest } = definition;
  const sourceParameters =
    "DynamoDBStreamParameters" in SourceParameters
      ? { FilterCriteria: SourceParameters.FilterCriteria, DynamoDBStreamParameters: { BatchSize: SourceParameters.DynamoDBStreamParameters.BatchSize } }
      : SourceParameters;
  await context.aws.pipes.send(new UpdatePipeCommand({ Name: name, ...rest, SourceParameters: sourceParameters }), options(context));
  return { message: `${name} already existed; its filter, template and target are set again.` };
}

/** Deletes one of this lab's pipes (gone a few seconds later); false when there was none. */
export async function deletePipe(context: StreamsContext, key: PipeKey): Promise<boolean> {
  if ((await checkOwnership(context, "pipe", context.names[key])) === "absent") return false;
  const current = await describePipe(context, key);
  if (current?.CurrentState === "DELETING") return true;
  await context.aws.pipes.send(new DeletePipeCommand({ Name: context.names[key] }), options(context));
  return true;
}
