import { PlainFailure } from "@/lib/aws/errors";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { StreamPipePanel } from "../panels/routing-panels";
import { readRun } from "../demo-run";
import { deletePipe, describePipe, ensurePipe, ensurePipeRole } from "../provision/pipe";
import { describeOrdersTable } from "../provision/table";
import type { StreamsResources } from "../resources";
import { DESIGNS, NUMERIC_STREAM_FILTER } from "../routing";
import { runDemoAction, testRoutingAction } from "./routing-actions";
import { ensureHighValueConsumer } from "./route-with-pipe";

export const pipeOnStreamStep = defineStep<StreamsResources>({
  id: "pipe-on-stream",
  title: "A better design: the pipe reads the stream",
  explanation: [
    "The queue belongs to the worker. The pipe needs its own view of the orders, and the table's stream is exactly that: a stream is not consumed by reading, so the forwarder and the pipe can both follow it (AWS advises at most two readers per shard). Every order still reaches the worker through the queue; the pipe routes a **copy** of each high-value one.",
    "The filter has to change too. In the stream every number is text in DynamoDB's typed form, `\"amount\": {\"N\": \"25000\"}`, and EventBridge's `numeric` operator compares JSON numbers only, so a filter like `{\"amount\": {\"N\": [{\"numeric\": [\">\", 10000]}]}}` looks right and never matches anything. AWS's examples of DynamoDB filters match strings, booleans and `exists`, never a numeric range; LocalStack's tests, checked against AWS, record that a numeric filter on a stream image does not match, and [aws/serverless-application-model#3123](https://github.com/aws/serverless-application-model/issues/3123) reports the same. Try it in the tester below.",
    "The way out is to decide at write time. The API already writes `valueTier` (HIGH above 10,000), a string a filter can match exactly: `{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"NewImage\": {\"valueTier\": {\"S\": [\"HIGH\"]}}}}`. `INSERT` matters as much: the worker's update of a high-value order is a MODIFY whose new image still says HIGH, and without it every such order would be routed twice.",
    "The template reads the new image (`<$.dynamodb.NewImage.amount.N>`), so the amount arrives as text, `\"25000\"`; HighValueWorker reads either form. A record the filter skips is not lost: it stays in the stream, and the order is in the queue anyway.",
    "Moving the pipe deletes the queue's pipe (a pipe's source cannot change), rewrites the role's policy to read the stream instead of the queue, and creates `HighValueOrderStreamPipe` starting at `LATEST`. Then send the same batch again and compare.",
  ].join("\n\n"),
  actions: [
    defineAction<StreamsResources>({
      id: "move-pipe",
      label: "Move the pipe to the table's stream",
      panelOnly: true,
      async run(context) {
        const table = await describeOrdersTable(context);
        if (!table?.LatestStreamArn) throw new PlainFailure("StreamMissing", `${context.names.ordersTable} has no stream.`, "Create the table with its stream first.");
        const target = await ensureHighValueConsumer(context);
        const deleted = await deletePipe(context, "highValuePipe");
        const role = await ensurePipeRole(context, "stream", { source: table.LatestStreamArn, target });
        const pipe = await ensurePipe(context, "stream", { source: table.LatestStreamArn, target, role: role.arn });
        return { message: `${deleted ? `Deleted ${context.names.highValuePipe}. ` : ""}${pipe.message} ${context.names.pipeRole} may now read the stream, and no longer the queue.` };
      },
    }),
    testRoutingAction(),
    runDemoAction("stream"),
  ],
  panel: StreamPipePanel,
  async check(context) {
    const [queuePipe, streamPipe] = await Promise.all([describePipe(context, "highValuePipe"), describePipe(context, "streamPipe")]);
    if (!streamPipe) return { passed: false, reason: "The pipe does not read the stream yet: move it with the first button." };
    if (queuePipe && queuePipe.CurrentState !== "DELETING") return { passed: false, reason: `${context.names.highValuePipe} still reads the processing queue: move the pipe again to delete it.` };
    const run = await readRun(context, "stream");
    if (!run) return { passed: false, reason: `${context.names.streamPipe} is ${(streamPipe.CurrentState ?? "unknown").toLowerCase()}; send the demonstration batch once it is running.` };
    const a = run.account;
    if (!a.settled) return { passed: false, reason: `Run ${run.runId} is still moving. Fast-forward or wait, then check again.` };
    if (a.accountedFor !== a.created || a.dropped > 0) return { passed: false, reason: `Run ${run.runId} does not add up: ${a.accountedFor} of ${a.created} orders accounted for.`, details: a.warnings };
    return {
      passed: true,
      reason: `Run ${run.runId}: every one of the ${a.created} orders reached the worker (${a.completed} completed, ${a.failed} failed, ${a.inDlq} in the DLQ) and ${a.routed} high-value copies were routed; none dropped.`,
    };
  },
  cli: (c) =>
    [
      "ACCOUNT=$(aws sts get-caller-identity --query Account --output text)",
      `aws pipes delete-pipe --name ${c.names.highValuePipe}`,
      `STREAM_ARN=$(aws dynamodb describe-table --table-name ${c.names.ordersTable} --query Table.LatestStreamArn --output text)`,
      `aws iam put-role-policy --role-name ${c.names.pipeRole} --policy-name HighValueRouting --policy-document '{"Version":"2012-10-17","Statement":[`,
      `  {"Effect":"Allow","Action":["dynamodb:DescribeStream","dynamodb:GetRecords","dynamodb:GetShardIterator"],"Resource":"'"$STREAM_ARN"'"},`,
      `  {"Effect":"Allow","Action":"dynamodb:ListStreams","Resource":"*"},`,
      `  {"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:${c.region}:'"$ACCOUNT"':${c.names.highValueQueue}"}]}'`,
      `aws pipes create-pipe --name ${c.names.streamPipe} --role-arn arn:aws:iam::$ACCOUNT:role/${c.names.pipeRole} \\`,
      '  --source "$STREAM_ARN" \\',
      `  --source-parameters '{"DynamoDBStreamParameters":{"StartingPosition":"LATEST","BatchSize":10},"FilterCriteria":{"Filters":[{"Pattern":${JSON.stringify(JSON.stringify(JSON.parse(DESIGNS.stream.filter)))}}]}}' \\`,
      `  --target arn:aws:sqs:${c.region}:$ACCOUNT:${c.names.highValueQueue} \\`,
      `  --target-parameters '{"InputTemplate":${JSON.stringify(DESIGNS.stream.template.replace(/\n\s*/g, " "))}}' \\`,
      `  --tags Project=ServerlessLab,Lab=${c.labId},Student=${c.prefix}`,
      "",
      "# The filter that never matches a DynamoDB number (for comparison):",
      `# ${JSON.stringify(JSON.parse(NUMERIC_STREAM_FILTER))}`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { PipesClient, CreatePipeCommand, DeletePipeCommand } from "@aws-sdk/client-pipes";',
      "",
      `const pipes = new PipesClient({ region: "${c.region}" });`,
      `await pipes.send(new DeletePipeCommand({ Name: "${c.names.highValuePipe}" }));`,
      "await pipes.send(new CreatePipeCommand({",
      `  Name: "${c.names.streamPipe}",`,
      `  RoleArn: \`arn:aws:iam::\${account}:role/${c.names.pipeRole}\`,`,
      "  Source: table.LatestStreamArn,",
      "  SourceParameters: {",
      '    DynamoDBStreamParameters: { StartingPosition: "LATEST", BatchSize: 10 },',
      `    FilterCriteria: { Filters: [{ Pattern: JSON.stringify(${JSON.stringify(JSON.parse(DESIGNS.stream.filter))}) }] },`,
      "  },",
      "  Target: highValueQueueArn,",
      `  TargetParameters: { InputTemplate: ${JSON.stringify(DESIGNS.stream.template.replace(/\n\s*/g, " "))} },`,
      `  Tags: { Project: "ServerlessLab", Lab: "${c.labId}", Student: "${c.prefix}" },`,
      "}));",
    ].join("\n"),
});
