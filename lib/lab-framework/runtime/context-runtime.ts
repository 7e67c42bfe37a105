/**
 * `context.runtime`: a lab's functions and event source mappings for one student, on the shared
 * registry. Steps name functions and sources by their resource keys; the framework derives the
 * function name, the handler and the source's ARN, so nothing of it comes from the browser.
 */
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { GetQueueAttributesCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import type { AwsClients } from "@/lib/aws/clients";
import type { Settings } from "@/lib/aws/connection";
import { PlainFailure } from "@/lib/aws/errors";
import type { MappingRegistry, MappingView } from "@/lib/runtime";
import type { LabDefinition, LabRuntime, MappingSettings, ResourceMap, ResourceNames } from "../types";
import { labRegistry, registerLab, rememberStudent, studentStore } from "./lab-runtime";

const LAMBDA_CODES = ["InvalidParameterValueException", "ResourceNotFoundException", "ResourceConflictException", "ResourceInUseException"];

/** The runtime's Lambda-style errors, as the plain failures the pages show. */
async function plainly<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const name = (error as Error)?.name;
    if (LAMBDA_CODES.includes(name)) {
      const action =
        name === "ResourceNotFoundException"
          ? "Run the step that creates the trigger first."
          : name === "ResourceConflictException"
            ? "Update or delete the existing trigger instead."
            : "Correct the setting and run the step again.";
      throw new PlainFailure(name, (error as Error).message, action, name === "ResourceNotFoundException" ? "not-found" : "invalid-request");
    }
    throw error;
  }
}

/** Whether a mapping's source ARN names the lab resource `name` of `kind`. */
function readsFrom(arn: string, kind: string, name: string): boolean {
  const resource = arn.split(":").slice(5).join(":");
  if (kind === "sqs-queue") return resource === name;
  if (kind === "kinesis-stream") return resource === `stream/${name}`;
  if (kind === "dynamodb-table") return resource.startsWith(`table/${name}/stream/`);
  return false;
}

export function createLabRuntime<R extends ResourceMap>(
  lab: LabDefinition<R>,
  settings: Settings,
  aws: AwsClients,
  names: ResourceNames<R>,
  signal: AbortSignal,
): LabRuntime<R> {
  registerLab(lab as unknown as LabDefinition<ResourceMap>);
  const owner = { prefix: settings.prefix, labId: lab.id };
  let ready: Promise<MappingRegistry> | undefined;
  const registry = () =>
    (ready ??= rememberStudent(owner, settings).then(() => labRegistry()).catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));

  function functionOf(fn: string): string {
    const spec = lab.resources[fn];
    if (spec?.kind !== "function") throw new Error(`${lab.id} has no function resource "${fn}".`);
    if (!lab.handlers?.[fn]) throw new Error(`${lab.id} declares no handler for "${fn}".`);
    return names[fn];
  }

  async function sourceArn(source: string): Promise<string> {
    const spec = lab.resources[source];
    const name = names[source];
    const options = { abortSignal: signal };
    switch (spec?.kind) {
      case "sqs-queue": {
        const { QueueUrl } = await aws.sqs.send(new GetQueueUrlCommand({ QueueName: name }), options);
        const { Attributes } = await aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }), options);
        if (!Attributes?.QueueArn) throw new Error(`SQS gave no ARN for ${name}.`);
        return Attributes.QueueArn;
      }
      case "kinesis-stream": {
        const { StreamDescriptionSummary } = await aws.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }), options);
        if (!StreamDescriptionSummary?.StreamARN) throw new Error(`Kinesis gave no ARN for ${name}.`);
        return StreamDescriptionSummary.StreamARN;
      }
      case "dynamodb-table": {
        const { Table } = await aws.dynamodb.send(new DescribeTableCommand({ TableName: name }), options);
        if (!Table?.LatestStreamArn || !Table.StreamSpecification?.StreamEnabled) {
          throw new PlainFailure("StreamNotEnabled", `The table ${name} has no stream turned on.`, "Run the step that turns the table's stream on, then try again.");
        }
        return Table.LatestStreamArn;
      }
      default:
        throw new Error(`${lab.id}'s resource "${source}" is not a queue, a stream or a table.`);
    }
  }

  const runtime: LabRuntime<R> = {
    async ensureMapping(fn, source, mappingSettings: MappingSettings) {
      const functionName = functionOf(fn);
      const eventSourceArn = await sourceArn(source);
      const reg = await registry();
      return plainly(() => reg.ensure(owner, { ...mappingSettings, functionName, handler: fn, eventSourceArn }));
    },
    async mappings() {
      return (await registry()).list(owner);
    },
    async findMapping(fn, source) {
      const functionName = names[fn];
      const spec = source ? lab.resources[source] : undefined;
      const list = (await registry()).list(owner);
      return list.find(
        (m: MappingView) => m.config.functionName === functionName && (!source || !spec || readsFrom(m.config.eventSourceArn, spec.kind, names[source])),
      );
    },
    async setMappingEnabled(uuid, enabled) {
      const reg = await registry();
      return plainly(() => (enabled ? reg.enable(owner, uuid) : reg.disable(owner, uuid)));
    },
    async deleteMapping(uuid) {
      const reg = await registry();
      return plainly(() => reg.delete(owner, uuid));
    },
    async teardown() {
      const deleted = await (await registry()).deleteAll(owner);
      studentStore().clearVariables(owner);
      return deleted;
    },
    async invoke(fn, event) {
      const functionName = functionOf(fn);
      const reg = await registry();
      return plainly(() => reg.invoke(owner, { handler: fn, functionName, event }));
    },
    async invokeApi(fn, request) {
      const functionName = functionOf(fn);
      const reg = await registry();
      const result = await plainly(() => reg.invokeApi(owner, { handler: fn, functionName, request }));
      const response = result.response;
      return {
        requestId: result.requestId,
        ...(response
          ? { response: { statusCode: response.statusCode, headers: response.headers as Record<string, string | number | boolean> | undefined, body: String(response.body ?? "") } }
          : {}),
        ...(result.error ? { error: result.error } : {}),
      };
    },
    async environment(fn) {
      functionOf(fn);
      await registry();
      return studentStore().variables(owner, fn);
    },
    async setEnvironment(fn, variables) {
      functionOf(fn);
      await registry();
      studentStore().setVariables(owner, fn, variables);
    },
    async logs(options = {}) {
      return (await registry()).logs.query(owner, options);
    },
    async flushMetrics() {
      await (await registry()).flushMetrics();
    },
    async isIdle() {
      return (await registry()).isIdle(owner);
    },
  };
  return runtime;
}
