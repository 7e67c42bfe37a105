/**
 * A mapping as Lambda's API answers it (EventSourceMappingConfiguration): the runtime's settings
 * and status under Lambda's member names, timestamps in epoch seconds.
 */
import type { EventSourceMappingConfiguration } from "@aws-sdk/client-lambda";
import type { MappingView } from "../../runtime";
import { functionArn } from "../../runtime/arn";
import type { Wire } from "../kinesis/wire";
import type { DisplayedState } from "./transitions";

export type MappingConfiguration = Wire<EventSourceMappingConfiguration>;

export function mappingArn(region: string, accountId: string, uuid: string): string {
  return `arn:aws:lambda:${region}:${accountId}:event-source-mapping:${uuid}`;
}

export function toConfiguration(view: MappingView, state: DisplayedState, where: { region: string; accountId: string }): MappingConfiguration {
  const { config } = view;
  const common: MappingConfiguration = {
    UUID: view.uuid,
    BatchSize: config.batchSize,
    MaximumBatchingWindowInSeconds: config.maximumBatchingWindowInSeconds,
    EventSourceArn: config.eventSourceArn,
    FunctionArn: functionArn(where.region, where.accountId, config.functionName),
    LastModified: Date.parse(view.lastModified) / 1000,
    LastProcessingResult: view.lastProcessingResult,
    State: state,
    StateTransitionReason: "USER_INITIATED",
    FunctionResponseTypes: [...config.functionResponseTypes],
    EventSourceMappingArn: mappingArn(where.region, where.accountId, view.uuid),
  };
  if (config.kind === "sqs") {
    return config.maximumConcurrency === undefined ? common : { ...common, ScalingConfig: { MaximumConcurrency: config.maximumConcurrency } };
  }
  return {
    ...common,
    StartingPosition: config.startingPosition,
    ...(config.kind === "kinesis" && config.startingPositionTimestamp !== undefined ? { StartingPositionTimestamp: config.startingPositionTimestamp / 1000 } : {}),
    ParallelizationFactor: 1,
    DestinationConfig: { OnFailure: config.onFailureDestination ? { Destination: config.onFailureDestination } : {} },
    MaximumRecordAgeInSeconds: config.maximumRecordAgeInSeconds,
    BisectBatchOnFunctionError: config.bisectBatchOnFunctionError,
    MaximumRetryAttempts: config.maximumRetryAttempts,
    TumblingWindowInSeconds: 0,
  };
}
