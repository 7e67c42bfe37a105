/**
 * The Pipes API surface moto_server has (create, describe, list, start, stop, delete, tags), run
 * against the local cloud and moto; what a client observes is compared. moto does not run pipes
 * nor move them through CREATING / STOPPING on a clock, so states are compared once settled.
 */
import {
  CreatePipeCommand,
  DeletePipeCommand,
  DescribePipeCommand,
  ListPipesCommand,
  ListTagsForResourceCommand,
  PipesClient,
  StopPipeCommand,
  TagResourceCommand,
} from "@aws-sdk/client-pipes";
import { expect, it } from "vitest";
import { testCredentials } from "../test/harness";
import { motoAvailable, motoSkipReason, motoForTests } from "../test/moto";
import { cloudForTests } from "../test/test-bed";

const bed = cloudForTests({});
const moto = motoForTests();

const SOURCE = "arn:aws:sqs:us-east-1:000000000000:orders";
const TARGET = "arn:aws:sqs:us-east-1:000000000000:high-value";
const ROLE = "arn:aws:iam::000000000000:role/pipe-role";

async function scenario(pipes: PipesClient, settle: () => Promise<void>) {
  const seen: Record<string, unknown> = {};
  const outcome = (run: () => Promise<unknown>) =>
    run().then(
      () => "ok",
      (e: Error) => ({ name: e.name }),
    );
  const created = await pipes.send(
    new CreatePipeCommand({
      Name: "HighValueOrderPipe",
      RoleArn: ROLE,
      Source: SOURCE,
      Target: TARGET,
      Description: "high value",
      SourceParameters: { FilterCriteria: { Filters: [{ Pattern: '{"body":{"amount":[{"numeric":[">",10000]}]}}' }] } },
      TargetParameters: { InputTemplate: '{"id": <$.body.orderId>}' },
      Tags: { Project: "ServerlessLab" },
    }),
  );
  seen.created = { name: created.Name, arnTail: created.Arn?.split(":").slice(5).join(":"), desired: created.DesiredState };
  await settle();
  const described = await pipes.send(new DescribePipeCommand({ Name: "HighValueOrderPipe" }));
  seen.described = {
    state: described.CurrentState,
    desired: described.DesiredState,
    source: described.Source,
    target: described.Target,
    role: described.RoleArn,
    description: described.Description,
    filter: described.SourceParameters?.FilterCriteria?.Filters?.[0]?.Pattern,
    template: described.TargetParameters?.InputTemplate,
    tags: described.Tags,
  };
  seen.listed = (await pipes.send(new ListPipesCommand({}))).Pipes?.map((p) => [p.Name, p.Source, p.Target]);
  await pipes.send(new StopPipeCommand({ Name: "HighValueOrderPipe" }));
  await settle();
  seen.stopped = (await pipes.send(new DescribePipeCommand({ Name: "HighValueOrderPipe" }))).CurrentState;
  await pipes.send(new TagResourceCommand({ resourceArn: created.Arn, tags: { Lab: "pipes" } }));
  seen.tags = (await pipes.send(new ListTagsForResourceCommand({ resourceArn: created.Arn }))).tags;
  seen.missing = await outcome(() => pipes.send(new DescribePipeCommand({ Name: "NoSuchPipe" })));
  await pipes.send(new DeletePipeCommand({ Name: "HighValueOrderPipe" }));
  await settle();
  seen.gone = await outcome(() => pipes.send(new DescribePipeCommand({ Name: "HighValueOrderPipe" })));
  return seen;
}

it.skipIf(!motoAvailable)(`the Pipes API behaves as moto_server's does${motoSkipReason}`, async () => {
  const local = new PipesClient({ endpoint: bed.cloud.endpoint, region: "us-east-1", credentials: testCredentials });
  const remote = new PipesClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: testCredentials });
  const ours = await scenario(local, async () => {
    bed.cloud.clock.advance(5_000);
  });
  // moto moves a pipe's state one step each time it is described.
  const theirs = await scenario(remote, async () => {
    for (let i = 0; i < 3; i++) await remote.send(new ListPipesCommand({})).catch(() => undefined);
  });
  local.destroy();
  remote.destroy();
  // moto leaves a stopped pipe's CurrentState at RUNNING; AWS (and the local cloud) reach STOPPED.
  expect(ours.stopped).toBe("STOPPED");
  delete ours.stopped;
  delete theirs.stopped;
  expect(ours).toEqual(theirs);
});
