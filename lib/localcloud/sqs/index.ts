/**
 * SQS for the local cloud: standard and FIFO queues over the AWS JSON 1.0 protocol today's SDK
 * sends (awsQueryCompatible, so errors carry `x-amzn-query-error`) and the query protocol older
 * clients send (the AWS CLI and boto3 from Debian). See README.md in this folder.
 */
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule, ServiceRequest, ServiceResponse } from "../core/service";
import { jsonErrorResponse, jsonResponse, parseJsonInput } from "../protocol/aws-json";
import { decodeQueryTree, queryErrorResponse, queryResponse } from "../protocol/query";
import { sqsErrors } from "./errors";
import { inspectSqs } from "./inspect";
import { createSqsLink } from "./link";
import { LongPolls } from "./long-polls";
import { emitQueueMetrics } from "./metrics";
import { MoveTasks } from "./model/move-tasks";
import type { StoredMessage } from "./model/message";
import type { DedupEntry, Queue } from "./model/queue";
import { SqsModel } from "./model/sqs-model";
import type { SqsContext } from "./operations/context";
import { operations } from "./operations";
import { SqsRecordWriter } from "./persistence";
import { checkJsonInput, inputSpecs, readQueryInput } from "./protocol/input-spec";
import { queryResult, sqsXmlShape } from "./protocol/query-output";

const XMLNS = "http://queue.amazonaws.com/doc/2012-11-05/";
const JSON_ERROR_OPTIONS = { version: "1.0", typePrefix: "com.amazonaws.sqs#", queryCompatible: true } as const;

export function createSqsService(context: ServiceContext): ServiceModule {
  const { clock, store, links, accountId } = context;
  const longPolls = new LongPolls(clock);
  const records = new SqsRecordWriter(store);
  const hooks = {
    changed: (queue: Queue) => records.queueChanged(queue),
    messageChanged: (queue: Queue, message: StoredMessage) => records.messageChanged(queue, message),
    deduplicationChanged: (queue: Queue, key: string, entry: DedupEntry | null) => records.deduplicationChanged(queue, key, entry),
    available: (queue: Queue) => longPolls.available(queue),
    removed: (queue: Queue) => records.queueRemoved(queue),
  };
  const model = new SqsModel(accountId, clock, hooks);
  for (const queue of records.restoreQueues(accountId, clock, hooks)) model.restore(queue);
  const moveTasks = new MoveTasks(model);
  links.sqs = createSqsLink(model);
  const stopMetrics = clock.everyMinute((minuteStart) => emitQueueMetrics(model, links, minuteStart));

  async function run(request: ServiceRequest): Promise<object> {
    const operation = operations[request.operation];
    const spec = inputSpecs[request.operation];
    if (!operation || !spec) throw sqsErrors.invalidAction(request.operation);
    let input: Record<string, unknown>;
    if (request.protocol === "json") {
      input = checkJsonInput(spec, parseJsonInput(request.body));
    } else {
      input = checkJsonInput(spec, readQueryInput(spec, decodeQueryTree(request.params)));
      // Old SDKs post query requests to the queue URL itself instead of sending QueueUrl.
      if ("QueueUrl" in spec && input.QueueUrl === undefined && request.path.split("/").filter(Boolean).length >= 2) {
        input.QueueUrl = `http://${request.host}${request.path}`;
      }
    }
    const sqsContext: SqsContext = {
      model,
      moveTasks,
      longPolls,
      region: request.region,
      host: request.host,
      accountId,
      // Read only by a receive that waits: the core makes the signal on first use.
      get signal() {
        return request.signal;
      },
    };
    return operation(sqsContext, input as never);
  }

  return {
    name: "sqs",
    match: { signingNames: ["sqs"], jsonTargetPrefixes: ["AmazonSQS"], queryVersions: ["2012-11-05"] },
    async handle(request): Promise<ServiceResponse> {
      try {
        const output = await run(request);
        if (request.protocol === "json") return jsonResponse(output, "1.0");
        return queryResponse(request.operation, queryResult(request.operation, output as Record<string, unknown>), {
          xmlns: XMLNS,
          requestId: request.requestId,
          shape: sqsXmlShape,
        });
      } catch (error) {
        const awsError = error instanceof AwsError ? error : internalError(error);
        if (request.protocol === "json") return jsonErrorResponse(awsError, JSON_ERROR_OPTIONS);
        return queryErrorResponse(forQuery(awsError), { xmlns: XMLNS, requestId: request.requestId });
      }
    },
    async inspect(request) {
      return inspectSqs(model, request);
    },
    async close() {
      stopMetrics();
      moveTasks.close();
      for (const queue of model.allQueues()) queue.dispose();
    },
  };
}

function internalError(error: unknown): AwsError {
  console.error("[localcloud] SQS request failed:", error);
  return new AwsError("InternalError", "We encountered an internal error. Please try again.", { status: 500 });
}

/** The query protocol words one message differently, as AWS does. */
function forQuery(error: AwsError): AwsError {
  if (error.code !== "QueueDoesNotExist") return error;
  return new AwsError(error.code, "The specified queue does not exist for this wsdl version.", {
    status: error.status,
    queryCode: error.queryCode,
  });
}
