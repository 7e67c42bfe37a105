/**
 * lib/runtime: runs the labs' Lambda-shaped handlers the way Lambda's event source mappings do.
 * See README.md in this folder. The app talks to the registry; handlers import `structuredLog`.
 */
export { MappingRegistry } from "./registry/mapping-registry";
export { closeSharedRegistry, sharedRegistry } from "./registry/shared-registry";
export type { ClientProvider, MappingRegistryOptions, MappingState, MappingView, RuntimeClients } from "./registry/mapping-registry";
export { MappingError, parseMappingConfig } from "./registry/mapping-settings";
export type { DynamoDBMappingConfig, KinesisMappingConfig, MappingConfig, MappingInput, SqsMappingConfig } from "./registry/mapping-settings";
export type { MappingOwner, MappingPersistence, StoredMapping } from "./registry/mapping-store";

export type {
  AnyHandler,
  ApiGatewayHandler,
  DynamoDBStreamHandler,
  HandlerResolver,
  KinesisHandler,
  LambdaHandler,
  SqsHandler,
} from "./function/handler-types";
export type { InvocationResult, FunctionError } from "./function/lambda-function";
export type { FunctionInvoker, InvokerRequest, InvokerResult } from "./function/invoked-function";
export type { ApiRequest } from "./events/api-gateway-event";

export { structuredLog } from "./logs/structured-log";
export type { StructuredLogEntry } from "./logs/structured-log";
export { LogHub } from "./logs/log-hub";
export type { LogFilter } from "./logs/log-filter";
export type { ConsoleLogLine, HandlerLogLine, InvocationLogLine, InvocationOutcome, LogLine, MappingLogLine, NumberedLogLine } from "./logs/log-line";

export { FUNCTION_METRICS_NAMESPACE } from "./metrics/function-metrics";
export { systemClock } from "./runtime-clock";
export { LocalCloudClock } from "./local-cloud-clock";
export type { RuntimeClock } from "./runtime-clock";
