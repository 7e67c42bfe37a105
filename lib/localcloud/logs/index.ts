/**
 * CloudWatch Logs on the local cloud: AWS JSON 1.1 (`X-Amz-Target: Logs_20140328.*`), signing
 * name `logs`. Other services write through `links.logs.put` (Lambda's function logs). See README.md.
 */
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule } from "../core/service";
import { jsonErrorResponse, jsonResponse, parseJsonInput } from "../protocol/aws-json";
import { inspectLogs } from "./inspect";
import { LogsModel } from "./model";
import { operations } from "./operations";
import { QueryStore } from "./queries";

export function createLogsService(context: ServiceContext): ServiceModule {
  const model = new LogsModel(context);
  const queries = new QueryStore();
  const errorOptions = { version: "1.1" as const, typePrefix: "" };
  context.links.logs = {
    put: (region, logGroupName, logStreamName, events) => model.append(region, logGroupName, logStreamName, events),
  };

  return {
    name: "logs",
    match: { signingNames: ["logs"], jsonTargetPrefixes: ["Logs_20140328"] },
    async handle(request) {
      try {
        const operation = operations[request.operation];
        if (!operation) {
          throw new AwsError("UnknownOperationException", `The local cloud does not implement CloudWatch Logs ${request.operation}.`);
        }
        const output = operation({ model, queries, region: request.region, input: parseJsonInput(request.body) });
        return jsonResponse(output, "1.1");
      } catch (error) {
        if (error instanceof AwsError) return jsonErrorResponse(error, errorOptions);
        throw error;
      }
    },
    async inspect(request) {
      return inspectLogs(model, request);
    },
    async close() {
      model.close();
    },
  };
}
