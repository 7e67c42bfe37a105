/**
 * API Gateway v2's state: HTTP APIs per region with their integrations, routes, stages and
 * deployments, quick create, auto-deploy, tags and persistence (one part per API). No HTTP here.
 */
import { randomBytes } from "node:crypto";
import type { VirtualClock } from "../core/clock";
import { keySegment, type StateStore } from "../core/persistence";
import { apiGatewayErrors } from "./errors";
import type { ApiRecord, DeploymentRecord, IntegrationRecord, RouteRecord, StageRecord } from "./records";
import { conflictingKey, DEFAULT_ROUTE_KEY, parseRouteKey } from "./route-keys";

export const DEFAULT_STAGE = "$default";
const STORE_PREFIX = "apigatewayv2/";
const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** An API Gateway-style identifier: lower-case letters and digits (10 for APIs, 7 for routes and integrations, 6 for deployments). */
export function newId(length: number): string {
  const bytes = randomBytes(length);
  let id = "";
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

export type ApiInput = Pick<
  ApiRecord,
  "name" | "description" | "version" | "routeSelectionExpression" | "apiKeySelectionExpression" | "disableExecuteApiEndpoint" | "disableSchemaValidation" | "corsConfiguration"
>;

/** Quick create: CreateApi's Target (a Lambda ARN or an HTTP URL), RouteKey and CredentialsArn. */
export interface QuickCreate {
  target: string;
  routeKey?: string;
  credentialsArn?: string;
}

export type IntegrationInput = Omit<IntegrationRecord, "integrationId" | "apiGatewayManaged">;
export type RouteInput = Pick<RouteRecord, "routeKey" | "target" | "authorizationType" | "apiKeyRequired" | "operationName">;
export type StageInput = Pick<StageRecord, "stageName" | "autoDeploy" | "deploymentId" | "description" | "stageVariables" | "tags">;

export class ApiGatewayModel {
  /** apiId → API (ids are unique across regions, so an invoke URL finds its API without one). */
  private readonly apis = new Map<string, ApiRecord>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly store: StateStore,
    readonly accountId: string,
  ) {
    for (const { data } of store.readAll(STORE_PREFIX)) {
      const api = data as ApiRecord;
      if (api && typeof api.apiId === "string" && typeof api.region === "string") this.apis.set(api.apiId, api);
    }
  }

  now(): number {
    return this.clock.now();
  }

  /** Every API of a region, oldest first. */
  list(region: string): ApiRecord[] {
    return [...this.apis.values()].filter((a) => a.region === region).sort((a, b) => a.createdAt - b.createdAt || (a.apiId < b.apiId ? -1 : 1));
  }

  /** The API with this id in any region (for invoke URLs). */
  findAnywhere(apiId: string): ApiRecord | undefined {
    return this.apis.get(apiId);
  }

  require(region: string, apiId: string): ApiRecord {
    const api = this.apis.get(apiId);
    if (!api || api.region !== region) throw apiGatewayErrors.apiNotFound(this.accountId, apiId);
    return api;
  }

  arnOf(api: ApiRecord, stage?: string): string {
    return `arn:aws:apigateway:${api.region}::/apis/${api.apiId}${stage === undefined ? "" : `/stages/${stage}`}`;
  }

  createApi(region: string, input: ApiInput, tags: Record<string, string>, quick?: QuickCreate): ApiRecord {
    let apiId = newId(10);
    while (this.apis.has(apiId)) apiId = newId(10);
    const now = this.clock.now();
    const api: ApiRecord = {
      ...input,
      apiId,
      region,
      protocolType: "HTTP",
      tags,
      createdAt: now,
      integrations: [],
      routes: [],
      stages: [],
      deployments: [],
    };
    if (quick) {
      const routeKey = quick.routeKey ?? DEFAULT_ROUTE_KEY;
      parseRouteKey(routeKey);
      const lambda = !/^https?:\/\//.test(quick.target);
      const integration: IntegrationRecord = {
        integrationId: newId(7),
        integrationType: lambda ? "AWS_PROXY" : "HTTP_PROXY",
        integrationUri: quick.target,
        integrationMethod: lambda ? "POST" : "ANY",
        payloadFormatVersion: lambda ? "2.0" : "1.0",
        connectionType: "INTERNET",
        timeoutInMillis: 30000,
        credentialsArn: quick.credentialsArn,
        apiGatewayManaged: true,
      };
      api.integrations.push(integration);
      api.routes.push({
        routeId: newId(7),
        routeKey,
        target: `integrations/${integration.integrationId}`,
        authorizationType: "NONE",
        apiKeyRequired: false,
        apiGatewayManaged: true,
      });
      api.stages.push({ stageName: DEFAULT_STAGE, autoDeploy: true, stageVariables: {}, tags: {}, createdAt: now, lastUpdatedAt: now, apiGatewayManaged: true });
      this.autoDeploy(api);
    }
    this.apis.set(apiId, api);
    this.save(api);
    return api;
  }

  updateApi(region: string, apiId: string, change: Partial<ApiInput>, quick?: Partial<QuickCreate>): ApiRecord {
    const api = this.require(region, apiId);
    for (const [key, value] of Object.entries(change)) if (value !== undefined) Object.assign(api, { [key]: value });
    if (quick && (quick.target !== undefined || quick.credentialsArn !== undefined || quick.routeKey !== undefined)) {
      const integration = api.integrations.find((i) => i.apiGatewayManaged);
      const route = api.routes.find((r) => r.apiGatewayManaged);
      if (!integration || !route) throw apiGatewayErrors.badRequest("Target, RouteKey and CredentialsArn can only be updated on an API made with quick create.");
      if (quick.target !== undefined) integration.integrationUri = quick.target;
      if (quick.credentialsArn !== undefined) integration.credentialsArn = quick.credentialsArn;
      if (quick.routeKey !== undefined) {
        parseRouteKey(quick.routeKey);
        route.routeKey = quick.routeKey;
      }
      this.autoDeploy(api);
    }
    this.save(api);
    return api;
  }

  deleteApi(region: string, apiId: string): void {
    const api = this.require(region, apiId);
    this.apis.delete(apiId);
    this.store.remove(this.keyOf(api));
  }

  // Integrations

  createIntegration(api: ApiRecord, input: IntegrationInput): IntegrationRecord {
    const integration: IntegrationRecord = { ...input, integrationId: newId(7) };
    api.integrations.push(integration);
    this.changed(api);
    return integration;
  }

  requireIntegration(api: ApiRecord, integrationId: string): IntegrationRecord {
    const integration = api.integrations.find((i) => i.integrationId === integrationId);
    if (!integration) throw apiGatewayErrors.integrationNotFound(integrationId);
    return integration;
  }

  updateIntegration(api: ApiRecord, integrationId: string, change: Partial<IntegrationInput>): IntegrationRecord {
    const integration = this.requireIntegration(api, integrationId);
    for (const [key, value] of Object.entries(change)) if (value !== undefined) Object.assign(integration, { [key]: value });
    this.changed(api);
    return integration;
  }

  deleteIntegration(api: ApiRecord, integrationId: string): void {
    this.requireIntegration(api, integrationId);
    api.integrations = api.integrations.filter((i) => i.integrationId !== integrationId);
    this.changed(api);
  }

  // Routes

  createRoute(api: ApiRecord, input: RouteInput): RouteRecord {
    this.checkRoute(api, input.routeKey, input.target);
    const route: RouteRecord = { ...input, routeId: newId(7) };
    api.routes.push(route);
    this.changed(api);
    return route;
  }

  requireRoute(api: ApiRecord, routeId: string): RouteRecord {
    const route = api.routes.find((r) => r.routeId === routeId);
    if (!route) throw apiGatewayErrors.routeNotFound(routeId);
    return route;
  }

  updateRoute(api: ApiRecord, routeId: string, change: Partial<RouteInput>): RouteRecord {
    const route = this.requireRoute(api, routeId);
    const routeKey = change.routeKey ?? route.routeKey;
    this.checkRoute(api, routeKey, change.target, route.routeId);
    for (const [key, value] of Object.entries(change)) if (value !== undefined) Object.assign(route, { [key]: value });
    this.changed(api);
    return route;
  }

  deleteRoute(api: ApiRecord, routeId: string): void {
    this.requireRoute(api, routeId);
    api.routes = api.routes.filter((r) => r.routeId !== routeId);
    this.changed(api);
  }

  // Stages and deployments

  createStage(api: ApiRecord, input: StageInput): StageRecord {
    if (api.stages.some((s) => s.stageName === input.stageName)) throw apiGatewayErrors.stageExists();
    if (input.deploymentId !== undefined) this.requireDeployment(api, input.deploymentId);
    const now = this.clock.now();
    const stage: StageRecord = { ...input, createdAt: now, lastUpdatedAt: now };
    api.stages.push(stage);
    if (stage.autoDeploy) this.deployTo(api, stage, true);
    this.save(api);
    return stage;
  }

  requireStage(api: ApiRecord, stageName: string): StageRecord {
    const stage = api.stages.find((s) => s.stageName === stageName);
    if (!stage) throw apiGatewayErrors.stageNotFound();
    return stage;
  }

  updateStage(api: ApiRecord, stageName: string, change: Partial<Omit<StageInput, "stageName" | "tags">>): StageRecord {
    const stage = this.requireStage(api, stageName);
    if (change.deploymentId !== undefined) this.requireDeployment(api, change.deploymentId);
    const turnedOn = change.autoDeploy === true && !stage.autoDeploy;
    for (const [key, value] of Object.entries(change)) if (value !== undefined) Object.assign(stage, { [key]: value });
    stage.lastUpdatedAt = this.clock.now();
    if (turnedOn) this.deployTo(api, stage, true);
    this.dropUnusedConfigs(api);
    this.save(api);
    return stage;
  }

  deleteStage(api: ApiRecord, stageName: string): void {
    this.requireStage(api, stageName);
    api.stages = api.stages.filter((s) => s.stageName !== stageName);
    this.dropUnusedConfigs(api);
    this.save(api);
  }

  createDeployment(api: ApiRecord, stageName: string | undefined, description: string | undefined): DeploymentRecord {
    const stage = stageName === undefined ? undefined : this.requireStage(api, stageName);
    const deployment = this.newDeployment(api, false, description);
    if (stage) this.point(stage, deployment);
    this.dropUnusedConfigs(api);
    this.save(api);
    return deployment;
  }

  requireDeployment(api: ApiRecord, deploymentId: string): DeploymentRecord {
    const deployment = api.deployments.find((d) => d.deploymentId === deploymentId);
    if (!deployment) throw apiGatewayErrors.deploymentNotFound(deploymentId);
    return deployment;
  }

  deleteDeployment(api: ApiRecord, deploymentId: string): void {
    this.requireDeployment(api, deploymentId);
    if (api.stages.some((s) => s.deploymentId === deploymentId)) {
      throw apiGatewayErrors.badRequest(`Deployment ${deploymentId} is referenced by a stage and cannot be deleted.`);
    }
    api.deployments = api.deployments.filter((d) => d.deploymentId !== deploymentId);
    this.save(api);
  }

  // Tags (APIs and stages)

  taggable(arn: string): { api: ApiRecord; stage?: StageRecord } {
    const match = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/apis\/([a-z0-9]+)(?:\/stages\/([^/]+))?$/.exec(arn);
    const api = match ? this.apis.get(match[2]) : undefined;
    if (!match || !api || api.region !== match[1]) throw apiGatewayErrors.resourceNotFound(arn);
    if (match[3] === undefined) return { api };
    const stage = api.stages.find((s) => s.stageName === match[3]);
    if (!stage) throw apiGatewayErrors.resourceNotFound(arn);
    return { api, stage };
  }

  tag(arn: string, tags: Record<string, string>): void {
    const { api, stage } = this.taggable(arn);
    const holder = stage ?? api;
    holder.tags = { ...holder.tags, ...tags };
    this.save(api);
  }

  untag(arn: string, keys: string[]): void {
    const { api, stage } = this.taggable(arn);
    const holder = stage ?? api;
    for (const key of keys) delete holder.tags[key];
    this.save(api);
  }

  private checkRoute(api: ApiRecord, routeKey: string, target: string | undefined, self?: string): void {
    const parsed = parseRouteKey(routeKey);
    const others = api.routes.filter((r) => r.routeId !== self);
    if (others.some((r) => r.routeKey === routeKey)) throw apiGatewayErrors.routeExists(routeKey);
    if (parsed) {
      const conflict = conflictingKey(
        parsed,
        others.map((r) => r.routeKey),
      );
      if (conflict) throw apiGatewayErrors.conflictingVariable(routeKey, conflict);
    }
    if (target !== undefined) {
      const id = /^integrations\/([a-z0-9]+)$/.exec(target)?.[1];
      if (!id) throw apiGatewayErrors.badRequest(`Invalid target ${target}: a route's target must be integrations/<integrationId>.`);
      this.requireIntegration(api, id);
    }
  }

  /** After a route or integration change: redeploy every auto-deploy stage, then save. */
  private changed(api: ApiRecord): void {
    this.autoDeploy(api);
    this.save(api);
  }

  private autoDeploy(api: ApiRecord): void {
    for (const stage of api.stages) if (stage.autoDeploy) this.deployTo(api, stage, true);
    this.dropUnusedConfigs(api);
  }

  private deployTo(api: ApiRecord, stage: StageRecord, auto: boolean): void {
    this.point(stage, this.newDeployment(api, auto, auto ? "Automatic deployment triggered by changes to the Api configuration" : undefined));
  }

  private point(stage: StageRecord, deployment: DeploymentRecord): void {
    stage.deploymentId = deployment.deploymentId;
    stage.lastUpdatedAt = this.clock.now();
    if (deployment.autoDeployed) stage.lastDeploymentStatusMessage = `Successfully deployed stage with deployment ID '${deployment.deploymentId}'`;
  }

  private newDeployment(api: ApiRecord, autoDeployed: boolean, description: string | undefined): DeploymentRecord {
    const deployment: DeploymentRecord = {
      deploymentId: newId(6),
      createdAt: this.clock.now(),
      description,
      autoDeployed,
      config: structuredClone({ routes: api.routes, integrations: api.integrations }),
    };
    api.deployments.push(deployment);
    return deployment;
  }

  /**
   * An automatic deployment no stage points at any more keeps its metadata only (auto-deploy makes
   * one per change); deployments made with CreateDeployment keep what they froze, for CreateStage
   * or UpdateStage to point at later.
   */
  private dropUnusedConfigs(api: ApiRecord): void {
    const used = new Set(api.stages.map((s) => s.deploymentId));
    for (const deployment of api.deployments) if (deployment.autoDeployed && !used.has(deployment.deploymentId)) delete deployment.config;
  }

  private save(api: ApiRecord): void {
    if (this.apis.get(api.apiId) !== api) return;
    this.store.markDirty(this.keyOf(api), () => api);
  }

  private keyOf(api: ApiRecord): string {
    return `${STORE_PREFIX}${keySegment(api.region)}/${keySegment(api.apiId)}`;
  }
}
