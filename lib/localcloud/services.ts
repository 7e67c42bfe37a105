/**
 * The services the local cloud serves, in the order they are created. Each folder under
 * lib/localcloud/ that implements a service adds its factory here.
 */
import { createApiGatewayV2Service } from "./apigatewayv2";
import { createCloudWatchService } from "./cloudwatch";
import type { ServiceFactory } from "./core/service";
import { createDynamoDbService } from "./dynamodb";
import { createDynamoDbStreamsService } from "./dynamodb-streams";
import { createEventSourceMappingsService } from "./event-source-mappings";
import { createIamService } from "./iam";
import { createKinesisService } from "./kinesis";
import { createLambdaService } from "./lambda";
import { createLogsService } from "./logs";
import { createPipesService } from "./pipes";
import { createSnsService } from "./sns";
import { createSqsService } from "./sqs";
import { createStsService } from "./sts";

export const serviceFactories: ServiceFactory[] = [createStsService, createSqsService, createCloudWatchService, createSnsService, createKinesisService, createLogsService, createIamService, createDynamoDbService, createDynamoDbStreamsService, createPipesService, createEventSourceMappingsService, createLambdaService, createApiGatewayV2Service];
