/**
 * What the model keeps for an HTTP API and its parts, in the wire's camelCase names so that
 * operations can answer them nearly as stored. Times are epoch ms from the virtual clock.
 */
export type IntegrationType = "AWS_PROXY" | "HTTP_PROXY";

export interface IntegrationRecord {
  integrationId: string;
  integrationType: IntegrationType;
  integrationUri?: string;
  integrationMethod?: string;
  payloadFormatVersion: "1.0" | "2.0";
  connectionType: "INTERNET";
  timeoutInMillis: number;
  credentialsArn?: string;
  description?: string;
  requestParameters?: Record<string, string>;
  /** Made by quick create (CreateApi with Target). */
  apiGatewayManaged?: boolean;
}

export interface RouteRecord {
  routeId: string;
  routeKey: string;
  /** `integrations/<integrationId>`, or none (the route then answers 404). */
  target?: string;
  authorizationType: "NONE" | "AWS_IAM";
  apiKeyRequired: boolean;
  operationName?: string;
  apiGatewayManaged?: boolean;
}

export interface StageRecord {
  stageName: string;
  autoDeploy: boolean;
  deploymentId?: string;
  description?: string;
  stageVariables: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number;
  lastUpdatedAt: number;
  lastDeploymentStatusMessage?: string;
  apiGatewayManaged?: boolean;
}

/** The routes and integrations a deployment froze; invocations through a stage use its deployment's. */
export interface DeployedConfig {
  routes: RouteRecord[];
  integrations: IntegrationRecord[];
}

export interface DeploymentRecord {
  deploymentId: string;
  createdAt: number;
  description?: string;
  autoDeployed: boolean;
  /** Dropped from an automatic deployment once no stage uses it (the metadata stays listed). */
  config?: DeployedConfig;
}

export interface ApiRecord {
  apiId: string;
  region: string;
  name: string;
  protocolType: "HTTP";
  description?: string;
  version?: string;
  routeSelectionExpression: string;
  apiKeySelectionExpression: string;
  disableExecuteApiEndpoint: boolean;
  disableSchemaValidation?: boolean;
  corsConfiguration?: Record<string, unknown>;
  tags: Record<string, string>;
  createdAt: number;
  integrations: IntegrationRecord[];
  routes: RouteRecord[];
  stages: StageRecord[];
  deployments: DeploymentRecord[];
}
