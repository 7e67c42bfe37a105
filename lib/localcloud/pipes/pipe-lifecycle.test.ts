import {
  ConflictException,
  CreatePipeCommand,
  DeletePipeCommand,
  DescribePipeCommand,
  ListPipesCommand,
  ListTagsForResourceCommand,
  NotFoundException,
  PipesClient,
  StartPipeCommand,
  StopPipeCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePipeCommand,
  ValidationException,
} from "@aws-sdk/client-pipes";
import { SQSClient } from "@aws-sdk/client-sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createQueue, PIPE_ROLE_ARN } from "./test-support";

describe("Pipes lifecycle", () => {
  const bed = cloudForTests({ pipes: PipesClient, sqs: SQSClient });
  let source: string;
  let target: string;
  beforeAll(async () => {
    source = (await createQueue(bed.sqs, uniqueName("orders"))).arn;
    target = (await createQueue(bed.sqs, uniqueName("high-value"))).arn;
  });

  it("creates a pipe that is CREATING, then RUNNING on the clock, and describes it whole", async () => {
    const name = uniqueName("HighValueOrderPipe");
    const created = await bed.pipes.send(
      new CreatePipeCommand({
        Name: name,
        RoleArn: PIPE_ROLE_ARN,
        Source: source,
        Target: target,
        Description: "Routes high-value orders",
        SourceParameters: { SqsQueueParameters: { BatchSize: 5 }, FilterCriteria: { Filters: [{ Pattern: '{"body":{"amount":[{"numeric":[">",10000]}]}}' }] } },
        TargetParameters: { InputTemplate: '{"orderId": <$.body.orderId>}' },
        Tags: { Project: "ServerlessLab" },
      }),
    );
    expect(created).toMatchObject({ Name: name, Arn: `arn:aws:pipes:us-east-1:000000000000:pipe/${name}`, DesiredState: "RUNNING", CurrentState: "CREATING" });
    expect(created.CreationTime).toBeInstanceOf(Date);
    bed.cloud.clock.advance(5_000);
    const described = await bed.pipes.send(new DescribePipeCommand({ Name: name }));
    expect(described).toMatchObject({
      CurrentState: "RUNNING",
      DesiredState: "RUNNING",
      RoleArn: PIPE_ROLE_ARN,
      Source: source,
      Target: target,
      Description: "Routes high-value orders",
      SourceParameters: { SqsQueueParameters: { BatchSize: 5 } },
      TargetParameters: { InputTemplate: '{"orderId": <$.body.orderId>}' },
      Tags: { Project: "ServerlessLab" },
    });
    expect(described.SourceParameters?.FilterCriteria?.Filters?.[0].Pattern).toContain("numeric");
  });

  it("stops (STOPPING → STOPPED), starts again, updates and deletes on the clock", async () => {
    const name = uniqueName("cycle");
    await bed.pipes.send(new CreatePipeCommand({ Name: name, RoleArn: PIPE_ROLE_ARN, Source: source, Target: target }));
    const busy = await bed.pipes.send(new StopPipeCommand({ Name: name })).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(ConflictException);
    bed.cloud.clock.advance(5_000);

    expect(await bed.pipes.send(new StopPipeCommand({ Name: name }))).toMatchObject({ DesiredState: "STOPPED", CurrentState: "STOPPING" });
    bed.cloud.clock.advance(5_000);
    expect((await bed.pipes.send(new DescribePipeCommand({ Name: name }))).CurrentState).toBe("STOPPED");

    expect(await bed.pipes.send(new StartPipeCommand({ Name: name }))).toMatchObject({ DesiredState: "RUNNING", CurrentState: "STARTING" });
    bed.cloud.clock.advance(5_000);
    expect((await bed.pipes.send(new DescribePipeCommand({ Name: name }))).CurrentState).toBe("RUNNING");

    const updated = await bed.pipes.send(
      new UpdatePipeCommand({ Name: name, RoleArn: PIPE_ROLE_ARN, Description: "now with a template", TargetParameters: { InputTemplate: "<$.body>" } }),
    );
    expect(updated.CurrentState).toBe("UPDATING");
    bed.cloud.clock.advance(5_000);
    const afterUpdate = await bed.pipes.send(new DescribePipeCommand({ Name: name }));
    expect(afterUpdate).toMatchObject({ CurrentState: "RUNNING", Description: "now with a template", TargetParameters: { InputTemplate: "<$.body>" } });

    expect(await bed.pipes.send(new DeletePipeCommand({ Name: name }))).toMatchObject({ DesiredState: "DELETED", CurrentState: "DELETING" });
    bed.cloud.clock.advance(5_000);
    const gone = await bed.pipes.send(new DescribePipeCommand({ Name: name })).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NotFoundException);
    expect((gone as Error).message).toBe(`Pipe ${name} does not exist.`);
  });

  it("creates a pipe STOPPED when asked to", async () => {
    const name = uniqueName("stopped");
    await bed.pipes.send(new CreatePipeCommand({ Name: name, RoleArn: PIPE_ROLE_ARN, Source: source, Target: target, DesiredState: "STOPPED" }));
    bed.cloud.clock.advance(5_000);
    expect(await bed.pipes.send(new DescribePipeCommand({ Name: name }))).toMatchObject({ DesiredState: "STOPPED", CurrentState: "STOPPED" });
  });

  it("lists pipes with filters and pages", async () => {
    const prefix = uniqueName("listed");
    for (const suffix of ["a", "b", "c"]) {
      await bed.pipes.send(new CreatePipeCommand({ Name: `${prefix}-${suffix}`, RoleArn: PIPE_ROLE_ARN, Source: source, Target: target }));
    }
    const first = await bed.pipes.send(new ListPipesCommand({ NamePrefix: prefix, Limit: 2 }));
    expect(first.Pipes?.map((p) => p.Name)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    expect(first.Pipes?.[0]).toMatchObject({ Source: source, Target: target, CurrentState: "CREATING" });
    const second = await bed.pipes.send(new ListPipesCommand({ NamePrefix: prefix, Limit: 2, NextToken: first.NextToken }));
    expect(second.Pipes?.map((p) => p.Name)).toEqual([`${prefix}-c`]);
    expect(second.NextToken).toBeUndefined();
  });

  it("tags and untags a pipe by ARN", async () => {
    const name = uniqueName("tagged");
    const { Arn } = await bed.pipes.send(new CreatePipeCommand({ Name: name, RoleArn: PIPE_ROLE_ARN, Source: source, Target: target, Tags: { Project: "ServerlessLab" } }));
    await bed.pipes.send(new TagResourceCommand({ resourceArn: Arn, tags: { Lab: "dynamodb-streams-pipes", Student: "user3" } }));
    await bed.pipes.send(new UntagResourceCommand({ resourceArn: Arn, tagKeys: ["Student"] }));
    expect((await bed.pipes.send(new ListTagsForResourceCommand({ resourceArn: Arn }))).tags).toEqual({ Project: "ServerlessLab", Lab: "dynamodb-streams-pipes" });
  });

  it("refuses a pipe without a role, with a bad filter, a duplicate name, or an unsupported target", async () => {
    const name = uniqueName("bad");
    const noRole = await bed.pipes.send(new CreatePipeCommand({ Name: name, RoleArn: "", Source: source, Target: target })).catch((e: unknown) => e);
    expect(noRole).toBeInstanceOf(ValidationException);
    const badFilter = await bed.pipes
      .send(new CreatePipeCommand({ Name: name, RoleArn: PIPE_ROLE_ARN, Source: source, Target: target, SourceParameters: { FilterCriteria: { Filters: [{ Pattern: '{"body": "x"}' }] } } }))
      .catch((e: unknown) => e);
    expect(badFilter).toBeInstanceOf(ValidationException);
    const lambda = await bed.pipes
      .send(new CreatePipeCommand({ Name: name, RoleArn: PIPE_ROLE_ARN, Source: source, Target: "arn:aws:lambda:us-east-1:000000000000:function:worker" }))
      .catch((e: unknown) => e);
    expect(lambda).toBeInstanceOf(ValidationException);
    await bed.pipes.send(new CreatePipeCommand({ Name: name, RoleArn: PIPE_ROLE_ARN, Source: source, Target: target }));
    const duplicate = await bed.pipes.send(new CreatePipeCommand({ Name: name, RoleArn: PIPE_ROLE_ARN, Source: source, Target: target })).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(ConflictException);
  });
});
