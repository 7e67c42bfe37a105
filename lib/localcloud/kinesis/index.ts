/**
 * Kinesis Data Streams on the local cloud: AWS JSON 1.1 (`X-Amz-Target: Kinesis_20131202.*`),
 * over HTTP/1.1 or HTTP/2 (the SDK's default handler for Kinesis). See README.md.
 */
import { AwsError } from "../core/errors";
import type { ServiceContext, ServiceModule } from "../core/service";
import { jsonErrorResponse, jsonResponse, parseJsonInput } from "../protocol/aws-json";
import { inspectKinesis } from "./inspect";
import { KinesisModel } from "./model";
import { operations } from "./operations";

export function createKinesisService(context: ServiceContext): ServiceModule {
  const model = new KinesisModel(context);
  const errorOptions = { version: "1.1" as const, typePrefix: "" };

  return {
    name: "kinesis",
    match: { signingNames: ["kinesis"], jsonTargetPrefixes: ["Kinesis_20131202"] },
    async handle(request) {
      try {
        const operation = operations[request.operation];
        if (!operation) {
          throw new AwsError("UnknownOperationException", `The local cloud does not implement Kinesis ${request.operation}.`);
        }
        const output = operation({ model, region: request.region, input: parseJsonInput(request.body) });
        return jsonResponse(output, "1.1");
      } catch (error) {
        if (error instanceof AwsError) return jsonErrorResponse(error, errorOptions);
        throw error;
      }
    },
    async inspect(request) {
      return inspectKinesis(model, request);
    },
    async close() {
      model.close();
    },
  };
}
