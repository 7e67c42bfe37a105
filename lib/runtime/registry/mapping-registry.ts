/**
 * The runtime's front door for the app: every student's event source mappings, per prefix and
 * lab. Routes create, update, enable, disable, delete and list them; the registry runs the enabled
 * ones with the SDK clients of the student's connection, keeps their definitions and checkpoints
 * on disk, and stops them at teardown and on shutdown (an unfinished batch is simply not deleted,
 * so nothing is lost). It also invokes handlers directly (an API Gateway request, a test event)
 * with the same logs and metrics.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { APIGatewayProxyResult } from "aws-lambda";
import type { CloudWatchClient, MetricDatum } from "@aws-sdk/client-cloudwatch";
import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { SNSClient } from "@aws-sdk/client-sns";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { functionArn, parseArn } from "../arn";
import { errorMessage } from "../backoff";
import { toApiGatewayProxyEvent, type ApiRequest } from "../events/api-gateway-event";
import { ConcurrencyGauge } from "../function/concurrency";
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, executionRoleArn, type FunctionConfig } from "../function/function-config";
import type { AnyHandler, HandlerResolver } from "../function/handler-types";
import { InvokedFunction, type FunctionInvoker } from "../function/invoked-function";
import { LambdaFunction, type InvocationResult } from "../function/lambda-function";
import type { MappingFunction } from "../function/mapping-function";
import { installConsoleCapture } from "../logs/console-capture";
import { LogHub } from "../logs/log-hub";
import type { MappingLogLine } from "../logs/log-line";
import type { MappingRunContext, MappingRunner, RunnerStatus } from "../mapping-runner";
import { FunctionMetrics } from "../metrics/function-metrics";
import { systemClock, type RuntimeClock } from "../runtime-clock";
import { SqsMappingRunner } from "../sqs/sqs-mapping";
import { DynamoDBStreamsSource } from "../streams/dynamodb-streams-source";
import { KinesisSource } from "../streams/kinesis-source";
import { StreamMappingRunner, type ShardCheckpoints } from "../streams/stream-mapping";
import { MappingError, parseMappingConfig, type MappingConfig, type MappingInput } from "./mapping-settings";
import { MAPPINGS_FILE, MappingStore, type MappingOwner, type MappingPersistence, type StoredMapping } from "./mapping-store";

/** The SDK clients of one student's connection; the runtime never sees credentials. */
export interface RuntimeClients {
  region: string;
  /**
   * The clock of the cloud the clients talk to: the embedded local cloud's VirtualClock (so a
   * fast-forward moves batching windows, back-offs and timeouts too), or unset for real time.
   */
  clock?: RuntimeClock;
  sqs?: SQSClient;
  kinesis?: KinesisClient;
  dynamodbStreams?: DynamoDBStreamsClient;
  cloudwatch?: CloudWatchClient;
  sns?: SNSClient;
}

/** Gives the clients for an owner's connection, or null while there is none. */
export type ClientProvider = (owner: MappingOwner) => RuntimeClients | null | Promise<RuntimeClients | null>;

export interface MappingRegistryOptions {
  /** Folder for the mappings file; null keeps mappings in memory only. */
  dataDir: string | null;
  /** Keeps the mappings somewhere else than `dataDir` (the local cloud's state store). */
  persistence?: MappingPersistence;
  clients: ClientProvider;
  /** The labs' handlers, run in this process. */
  handlers?: HandlerResolver;
  /**
   * Invokes every mapping's function through this callback instead of running a handler (the
   * local cloud's Lambda service runs the function); `handlers` then serves `invoke()` only.
   */
  invoke?: FunctionInvoker;
  /** The clock when a connection brings none (default: real time). */
  clock?: RuntimeClock;
  logs?: LogHub;
  metricsNamespace?: string;
  /** Publishes an owner's function metrics instead of its connection's CloudWatch client. */
  metricsSink?: (owner: MappingOwner, namespace: string, data: MetricDatum[]) => Promise<void> | void;
  metricsIntervalMs?: number;
  /** How long stop/delete/shutdown wait for batches being processed (ms). */
  stopGraceMs?: number;
  shardRefreshMs?: number;
  streamRetryDelayMs?: (attempt: number) => number;
  /** Send what handlers print with console.* to the lab's log (default true). */
  captureConsole?: boolean;
}

export type MappingState = "Enabled" | "Disabled";

/** A mapping as the app shows it: its settings and how it is doing. */
export interface MappingView {
  uuid: string;
  owner: MappingOwner;
  config: MappingConfig;
  state: MappingState;
  /** Enabled and reading its source. */
  running: boolean;
  /** Why an enabled mapping is not running (no connection, no such handler). */
  problem?: string;
  createdAt: string;
  lastModified: string;
  lastProcessingResult: RunnerStatus["lastProcessingResult"];
  sourceError?: string;
  inFlightBatches: number;
  /** Invocations (and their deletes or checkpoints) in progress right now. */
  working: number;
  shards?: RunnerStatus["shards"];
}

interface Entry {
  stored: StoredMapping;
  runner: MappingRunner | null;
  problem?: string;
  /** Serializes start/stop of this mapping. */
  transition: Promise<void>;
  /** Invocations and their follow-up (deletes, checkpoints) in progress. */
  working: number;
}

interface OwnerScope {
  clients: Promise<RuntimeClients | null> | null;
  resolvedClients: RuntimeClients | null;
  /** The connection's clock once its clients are known. */
  clock: RuntimeClock;
  /** Created with the clients (their CloudWatch client and clock). */
  metrics: FunctionMetrics | null;
  gauges: Map<string, ConcurrencyGauge>;
}

const DEFAULT_STOP_GRACE_MS = 5_000;
const LOCAL_ACCOUNT = "000000000000";

export class MappingRegistry {
  readonly logs: LogHub;
  private readonly defaultClock: RuntimeClock;
  private readonly store: MappingPersistence;
  private readonly entries = new Map<string, Entry>();
  private readonly owners = new Map<string, OwnerScope>();
  private started = false;
  private closed = false;
  private readonly saveOnExit = () => this.store.flushSync();

  constructor(private readonly options: MappingRegistryOptions) {
    this.defaultClock = options.clock ?? systemClock;
    this.logs = options.logs ?? new LogHub();
    if (!options.handlers && !options.invoke) throw new Error("A mapping registry needs handlers or an invoke callback.");
    this.store = options.persistence ?? new MappingStore(options.dataDir ? path.join(options.dataDir, MAPPINGS_FILE) : null);
    if (options.captureConsole !== false) installConsoleCapture();
  }

  /** Loads saved mappings and starts the enabled ones. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    process.once("exit", this.saveOnExit);
    for (const stored of this.store.load()) {
      try {
        stored.config = parseMappingConfig(stripKind(stored.config));
      } catch (error) {
        console.error(`[runtime] ignoring saved mapping ${stored.uuid}: ${errorMessage(error)}`);
        continue;
      }
      this.entries.set(stored.uuid, { stored, runner: null, transition: Promise.resolve(), working: 0 });
    }
    await Promise.all([...this.entries.values()].filter((e) => e.stored.config.enabled).map((e) => this.startEntry(e)));
  }

  list(owner: MappingOwner): MappingView[] {
    return [...this.entries.values()].filter((e) => sameOwner(e.stored.owner, owner)).map((e) => this.view(e));
  }

  get(owner: MappingOwner, uuid: string): MappingView {
    return this.view(this.entryOf(owner, uuid));
  }

  /** CreateEventSourceMapping: validates, refuses a second mapping of one source to one function. */
  async create(owner: MappingOwner, input: MappingInput): Promise<MappingView> {
    const config = parseMappingConfig(input);
    this.requireFunction(owner, config);
    const scope = this.ownerScope(owner);
    await this.clientsOf(owner, scope);
    const existing = this.findByFunctionAndSource(owner, config.functionName, config.eventSourceArn);
    if (existing) {
      const service = parseArn(config.eventSourceArn)?.service.toUpperCase() ?? "source";
      throw new MappingError(
        "ResourceConflictException",
        `An event source mapping with ${service} arn (" ${config.eventSourceArn} ") and function (" ${config.functionName} ") already exists. Please update or delete the existing mapping with UUID ${existing.stored.uuid}`,
      );
    }
    const now = scope.clock.now();
    const entry: Entry = {
      stored: { uuid: randomUUID(), owner: { ...owner }, config, createdAt: now, lastModified: now, checkpoints: {} },
      runner: null,
      transition: Promise.resolve(),
      working: 0,
    };
    this.entries.set(entry.stored.uuid, entry);
    this.save(entry);
    this.mappingLog(entry, "info", `Created the mapping from ${config.eventSourceArn} (${config.enabled ? "enabled" : "disabled"}).`);
    if (config.enabled) await this.startEntry(entry);
    return this.view(entry);
  }

  /** Creates the mapping, or updates the one that already maps this source to this function. */
  async ensure(owner: MappingOwner, input: MappingInput): Promise<MappingView> {
    const config = parseMappingConfig(input);
    const existing = this.findByFunctionAndSource(owner, config.functionName, config.eventSourceArn);
    if (!existing) return this.create(owner, input);
    return this.update(owner, existing.stored.uuid, input);
  }

  /** UpdateEventSourceMapping: the source and the starting position cannot change. */
  async update(owner: MappingOwner, uuid: string, patch: Partial<MappingInput>): Promise<MappingView> {
    const entry = this.entryOf(owner, uuid);
    const current = entry.stored.config;
    const config = parseMappingConfig({ ...stripKind(current), ...patch });
    if (config.eventSourceArn !== current.eventSourceArn) {
      throw new MappingError("InvalidParameterValueException", "The event source of a mapping cannot be changed; delete it and create another.");
    }
    if ("startingPosition" in config && "startingPosition" in current && config.startingPosition !== current.startingPosition) {
      throw new MappingError("InvalidParameterValueException", "The starting position of a mapping cannot be changed; delete it and create another.");
    }
    this.requireFunction(owner, config);
    await this.stopEntry(entry);
    entry.stored.config = config;
    entry.stored.lastModified = this.ownerScope(owner).clock.now();
    this.save(entry);
    const change = config.enabled === current.enabled ? "Updated the mapping." : config.enabled ? "Enabled the mapping." : "Disabled the mapping.";
    this.mappingLog(entry, "info", change);
    if (config.enabled) await this.startEntry(entry);
    return this.view(entry);
  }

  enable(owner: MappingOwner, uuid: string): Promise<MappingView> {
    return this.update(owner, uuid, { enabled: true });
  }

  disable(owner: MappingOwner, uuid: string): Promise<MappingView> {
    return this.update(owner, uuid, { enabled: false });
  }

  /** DeleteEventSourceMapping: stops it (batches in progress get the grace period) and forgets it. */
  async delete(owner: MappingOwner, uuid: string): Promise<MappingView> {
    const entry = this.entryOf(owner, uuid);
    await this.stopEntry(entry);
    this.entries.delete(uuid);
    this.store.removed(uuid, () => this.allStored());
    this.mappingLog(entry, "info", "Deleted the mapping.");
    return this.view(entry);
  }

  /** Teardown: deletes every mapping of a student's lab and says which. */
  async deleteAll(owner: MappingOwner): Promise<MappingView[]> {
    const deleted: MappingView[] = [];
    for (const view of this.list(owner)) deleted.push(await this.delete(owner, view.uuid));
    return deleted;
  }

  /**
   * The owner's connection changed (other keys, another endpoint, another region): running
   * mappings restart with the new clients.
   */
  async reconnect(owner: MappingOwner): Promise<void> {
    const running = [...this.entries.values()].filter((e) => sameOwner(e.stored.owner, owner));
    await Promise.all(running.map((e) => this.stopEntry(e)));
    const scope = this.owners.get(ownerKey(owner));
    if (scope) {
      await scope.metrics?.stop();
      scope.metrics = null;
      scope.clients = null;
      scope.resolvedClients = null;
    }
    await Promise.all(running.filter((e) => e.stored.config.enabled).map((e) => this.startEntry(e)));
  }

  /** Invokes a handler once with an event, as Lambda's Invoke (RequestResponse) would. */
  async invoke(
    owner: MappingOwner,
    request: { handler: string; functionName: string; event: unknown; timeoutSeconds?: number; memorySizeMB?: number; accountId?: string },
  ): Promise<InvocationResult> {
    const handler = this.options.handlers?.(owner.labId, request.handler);
    const scope = this.ownerScope(owner);
    const clients = await this.clientsOf(owner, scope);
    const config: FunctionConfig = {
      functionName: request.functionName,
      region: clients?.region ?? "us-east-1",
      accountId: request.accountId ?? LOCAL_ACCOUNT,
      timeoutSeconds: request.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      memorySizeMB: request.memorySizeMB ?? DEFAULT_MEMORY_MB,
    };
    if (!handler) throw new MappingError("ResourceNotFoundException", `Function not found: ${functionArn(config.region, config.accountId, config.functionName)} (the lab has no handler ${request.handler}).`);
    const fn = this.functionFor(owner, scope, config, handler);
    return fn.invoke(request.event, { batchSize: 1 });
  }

  /** Invokes a producer handler with an API Gateway proxy event built from a plain request. */
  async invokeApi(
    owner: MappingOwner,
    request: { handler: string; functionName: string; request: ApiRequest; timeoutSeconds?: number; accountId?: string },
  ): Promise<{ requestId: string; response?: APIGatewayProxyResult; error?: string }> {
    const event = toApiGatewayProxyEvent(request.request, {
      accountId: request.accountId ?? LOCAL_ACCOUNT,
      apiId: `${owner.prefix}-${owner.labId}`.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 10) || "local",
      now: (await this.clockOf(owner)).now(),
    });
    const result = await this.invoke(owner, { ...request, event });
    if (result.status === "returned") return { requestId: result.requestId, response: result.result as APIGatewayProxyResult };
    if (result.status === "throttled") return { requestId: result.requestId, error: "Rate Exceeded." };
    return { requestId: result.requestId, error: `${result.error.errorType}: ${result.error.errorMessage}` };
  }

  /** True when no running mapping of the owner (or of anyone) is invoking or finishing an invocation. */
  isIdle(owner?: MappingOwner): boolean {
    for (const entry of this.entries.values()) {
      if (owner && !sameOwner(entry.stored.owner, owner)) continue;
      if (entry.runner && entry.working > 0) return false;
    }
    return true;
  }

  /** Publishes the metrics recorded so far (each owner's), without waiting for the interval. */
  async flushMetrics(): Promise<void> {
    await Promise.all([...this.owners.values()].map((scope) => scope.metrics?.flush()));
  }

  /** Server shutdown: stops every mapping (batches in progress get the grace period), saves. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.entries.values()].map((e) => this.stopEntry(e)));
    await Promise.all([...this.owners.values()].map((scope) => scope.metrics?.stop()));
    await this.store.flush();
    process.off("exit", this.saveOnExit);
  }

  /** Synchronous last-chance save (process exit). */
  saveNow(): void {
    this.store.flushSync();
  }

  private entryOf(owner: MappingOwner, uuid: string): Entry {
    const entry = this.entries.get(uuid);
    if (!entry || !sameOwner(entry.stored.owner, owner)) {
      throw new MappingError("ResourceNotFoundException", `The resource you requested does not exist. (Service: Lambda, Status Code: 404, event source mapping ${uuid})`);
    }
    return entry;
  }

  private findByFunctionAndSource(owner: MappingOwner, functionName: string, arn: string): Entry | undefined {
    return [...this.entries.values()].find(
      (e) => sameOwner(e.stored.owner, owner) && e.stored.config.functionName === functionName && e.stored.config.eventSourceArn === arn,
    );
  }

  /** In-process handlers must exist; a function behind the invoke callback is its owner's to check. */
  private requireFunction(owner: MappingOwner, config: MappingConfig): void {
    if (this.options.invoke) return;
    const handler = this.options.handlers?.(owner.labId, config.handler);
    if (!handler) {
      const arn = parseArn(config.eventSourceArn);
      throw new MappingError(
        "ResourceNotFoundException",
        `Function not found: ${functionArn(arn?.region ?? "us-east-1", arn?.accountId ?? LOCAL_ACCOUNT, config.functionName)} (the lab ${owner.labId} has no handler ${config.handler}).`,
      );
    }
  }

  private save(entry: Entry): void {
    this.store.saved(entry.stored, () => this.allStored());
  }

  private allStored(): StoredMapping[] {
    return [...this.entries.values()].map((e) => e.stored);
  }

  private ownerScope(owner: MappingOwner): OwnerScope {
    const key = ownerKey(owner);
    let scope = this.owners.get(key);
    if (!scope) {
      scope = { clients: null, resolvedClients: null, clock: this.defaultClock, metrics: null, gauges: new Map() };
      this.owners.set(key, scope);
    }
    return scope;
  }

  private async clientsOf(owner: MappingOwner, scope: OwnerScope): Promise<RuntimeClients | null> {
    scope.clients ??= Promise.resolve(this.options.clients(owner)).catch((error: unknown) => {
      console.error(`[runtime] no clients for ${owner.prefix}/${owner.labId}: ${errorMessage(error)}`);
      return null;
    });
    const clients = await scope.clients;
    if (!clients) {
      scope.clients = null; // ask again next time
      return null;
    }
    if (scope.resolvedClients !== clients) {
      scope.resolvedClients = clients;
      scope.clock = clients.clock ?? this.defaultClock;
      if (!scope.metrics) {
        scope.metrics = new FunctionMetrics({
          cloudwatch: () => scope.resolvedClients?.cloudwatch,
          sink: this.options.metricsSink && ((namespace, data) => this.options.metricsSink?.(owner, namespace, data)),
          clock: scope.clock,
          namespace: this.options.metricsNamespace,
          intervalMs: this.options.metricsIntervalMs,
          onError: (error) => console.error(`[runtime] could not publish function metrics for ${owner.prefix}/${owner.labId}: ${errorMessage(error)}`),
        });
        scope.metrics.start();
      }
    }
    return clients;
  }

  private async clockOf(owner: MappingOwner): Promise<RuntimeClock> {
    const scope = this.ownerScope(owner);
    await this.clientsOf(owner, scope);
    return scope.clock;
  }

  private functionFor(owner: MappingOwner, scope: OwnerScope, config: FunctionConfig, handler: AnyHandler): LambdaFunction {
    let gauge = scope.gauges.get(config.functionName);
    if (!gauge) {
      gauge = new ConcurrencyGauge();
      scope.gauges.set(config.functionName, gauge);
    }
    return new LambdaFunction(config, handler, {
      clock: scope.clock,
      write: (line) => this.logs.append(owner, line),
      gauge,
      metrics: scope.metrics ?? undefined,
    });
  }

  private mappingFunction(owner: MappingOwner, scope: OwnerScope, config: FunctionConfig, handler: AnyHandler | undefined, invoke: FunctionInvoker | undefined): MappingFunction {
    if (handler) return this.functionFor(owner, scope, config, handler);
    if (!invoke) throw new Error("A mapping needs a handler or an invoke callback.");
    return new InvokedFunction(config, {
      clock: scope.clock,
      invoke,
      write: (line) => this.logs.append(owner, line),
      metrics: scope.metrics ?? undefined,
    });
  }

  private startEntry(entry: Entry): Promise<void> {
    entry.transition = entry.transition.then(async () => {
      if (entry.runner || this.closed) return;
      const { owner, config, uuid } = entry.stored;
      const scope = this.ownerScope(owner);
      const clients = await this.clientsOf(owner, scope);
      const invoke = this.options.invoke;
      const handler = invoke ? undefined : this.options.handlers?.(owner.labId, config.handler);
      const problem = !clients
        ? "There is no connection for this student yet."
        : !handler && !invoke
          ? `The lab has no handler ${config.handler}.`
          : missingClient(config, clients);
      if (problem || !clients || (!handler && !invoke)) {
        if (problem !== entry.problem) this.mappingLog(entry, "error", `Not running: ${problem}`);
        entry.problem = problem;
        return;
      }
      entry.problem = undefined;
      const arn = parseArn(config.eventSourceArn);
      const fnConfig: FunctionConfig = {
        functionName: config.functionName,
        region: arn?.region ?? clients.region,
        accountId: arn?.accountId ?? LOCAL_ACCOUNT,
        timeoutSeconds: config.timeoutSeconds,
        memorySizeMB: config.memorySizeMB,
        reservedConcurrency: config.reservedConcurrency,
        roleArn: config.roleArn,
      };
      const ctx: MappingRunContext = {
        mappingId: uuid,
        clock: scope.clock,
        fn: this.mappingFunction(owner, scope, fnConfig, handler, invoke),
        log: (level, message, details) => this.mappingLog(entry, level, message, details),
        busy: async (work) => {
          entry.working += 1;
          try {
            return await work();
          } finally {
            entry.working -= 1;
          }
        },
      };
      entry.runner = this.createRunner(entry, config, clients, ctx, fnConfig);
      entry.runner.start();
    });
    return entry.transition;
  }

  private createRunner(entry: Entry, config: MappingConfig, clients: RuntimeClients, ctx: MappingRunContext, fn: FunctionConfig): MappingRunner {
    const reportBatchItemFailures = config.functionResponseTypes.includes("ReportBatchItemFailures");
    if (config.kind === "sqs") {
      return new SqsMappingRunner({ ...config, reportBatchItemFailures }, clients.sqs as SQSClient, ctx);
    }
    const source =
      config.kind === "kinesis"
        ? new KinesisSource(clients.kinesis as KinesisClient, config.eventSourceArn, fn.region, executionRoleArn(fn))
        : new DynamoDBStreamsSource(clients.dynamodbStreams as DynamoDBStreamsClient, config.eventSourceArn);
    const checkpoints: ShardCheckpoints = {
      createdAt: entry.stored.createdAt,
      get: (shardId) => entry.stored.checkpoints[shardId],
      set: (shardId, value) => {
        entry.stored.checkpoints[shardId] = value;
        this.save(entry);
      },
    };
    return new StreamMappingRunner({ ...config, reportBatchItemFailures }, source, ctx, checkpoints, { sqs: clients.sqs, sns: clients.sns }, {
      shardRefreshMs: this.options.shardRefreshMs,
      retryDelayMs: this.options.streamRetryDelayMs,
    });
  }

  private stopEntry(entry: Entry): Promise<void> {
    entry.transition = entry.transition.then(async () => {
      const runner = entry.runner;
      entry.runner = null;
      entry.problem = undefined;
      if (runner) await runner.stop(this.options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS);
    });
    return entry.transition;
  }

  private mappingLog(entry: Entry, level: MappingLogLine["level"], message: string, details?: Record<string, unknown>): void {
    this.logs.append(entry.stored.owner, {
      type: "mapping",
      timestamp: new Date(this.ownerScope(entry.stored.owner).clock.now()).toISOString(),
      function: entry.stored.config.functionName,
      mappingId: entry.stored.uuid,
      level,
      message,
      ...(details ? { details } : {}),
    });
  }

  private view(entry: Entry): MappingView {
    const { stored } = entry;
    const status = entry.runner?.status();
    return {
      uuid: stored.uuid,
      owner: { ...stored.owner },
      config: stored.config,
      state: stored.config.enabled ? "Enabled" : "Disabled",
      running: status?.running ?? false,
      ...(entry.problem ? { problem: entry.problem } : {}),
      createdAt: new Date(stored.createdAt).toISOString(),
      lastModified: new Date(stored.lastModified).toISOString(),
      lastProcessingResult: status?.lastProcessingResult ?? "No records processed",
      ...(status?.sourceError ? { sourceError: status.sourceError } : {}),
      inFlightBatches: status?.inFlightBatches ?? 0,
      working: entry.working,
      ...(status?.shards ? { shards: status.shards } : {}),
    };
  }
}

function missingClient(config: MappingConfig, clients: RuntimeClients): string | undefined {
  if (config.kind === "sqs" && !clients.sqs) return "The connection has no SQS client.";
  if (config.kind === "kinesis" && !clients.kinesis) return "The connection has no Kinesis client.";
  if (config.kind === "dynamodb" && !clients.dynamodbStreams) return "The connection has no DynamoDB Streams client.";
  return undefined;
}

function stripKind(config: MappingConfig): MappingInput {
  const { kind: _kind, ...rest } = config;
  return rest as MappingInput;
}

function ownerKey(owner: MappingOwner): string {
  return `${owner.prefix}\u0000${owner.labId}`;
}

function sameOwner(a: MappingOwner, b: MappingOwner): boolean {
  return a.prefix === b.prefix && a.labId === b.labId;
}
