/**
 * EventBridge Pipes' state: pipes per region, their lifecycle on the clock and persistence. The
 * runner (runner.ts) moves events for the pipes that are RUNNING.
 */
import type { VirtualClock } from "../core/clock";
import { keySegment, type StateStore } from "../core/persistence";
import { checkDefinition, checkName, checkRoleArn, objectOrEmpty } from "./definition";
import { pipesErrors } from "./errors";
import { begin, isTransitioning, settle, type DesiredState, type JsonObject, type PipeRecord } from "./pipe";

export interface PipeDefinition {
  description?: string;
  desiredState?: DesiredState;
  source: string;
  sourceParameters: JsonObject;
  target: string;
  targetParameters: JsonObject;
  roleArn: string;
  tags: Record<string, string>;
  logConfiguration?: JsonObject;
  kmsKeyIdentifier?: string;
}

export class PipesModel {
  /** region → name → pipe. */
  private readonly regions = new Map<string, Map<string, PipeRecord>>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly store: StateStore,
    readonly accountId: string,
  ) {
    for (const { data } of store.readAll("pipes/")) {
      const pipe = data as PipeRecord;
      if (pipe && typeof pipe.name === "string" && typeof pipe.region === "string") this.pipesIn(pipe.region).set(pipe.name, pipe);
    }
  }

  now(): number {
    return this.clock.now();
  }

  arnOf(region: string, name: string): string {
    return `arn:aws:pipes:${region}:${this.accountId}:pipe/${name}`;
  }

  /** Every pipe of a region (settled to now), by name. */
  list(region: string): PipeRecord[] {
    const pipes = this.pipesIn(region);
    for (const name of [...pipes.keys()]) this.find(region, name);
    return [...pipes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every region's pipes (the runner walks them). */
  all(): PipeRecord[] {
    return [...this.regions.keys()].flatMap((region) => this.list(region));
  }

  find(region: string, name: string): PipeRecord | undefined {
    const pipes = this.regions.get(region);
    const pipe = pipes?.get(name);
    if (!pipe) return undefined;
    if (settle(pipe, this.clock.now())) {
      if (pipe.desiredState === "DELETED") {
        pipes?.delete(name);
        this.store.remove(this.keyOf(pipe));
        return undefined;
      }
      this.save(pipe);
    }
    return pipe;
  }

  require(region: string, name: string): PipeRecord {
    checkName(name);
    const pipe = this.find(region, name);
    if (!pipe) throw pipesErrors.notFound(name);
    return pipe;
  }

  requireByArn(arn: string): PipeRecord {
    const match = /^arn:aws[a-z-]*:pipes:([a-z0-9-]+):(\d{12}):pipe\/(.+)$/.exec(arn);
    const pipe = match ? this.find(match[1], match[3]) : undefined;
    if (!pipe) throw pipesErrors.resourceNotFound(arn);
    return pipe;
  }

  create(region: string, name: string, definition: PipeDefinition): PipeRecord {
    checkName(name);
    checkRoleArn(definition.roleArn);
    checkDefinition(definition.source, definition.sourceParameters, definition.target, definition.targetParameters);
    const arn = this.arnOf(region, name);
    if (this.find(region, name)) throw pipesErrors.exists(name, arn);
    const now = this.clock.now();
    const pipe: PipeRecord = {
      name,
      arn,
      region,
      description: definition.description,
      desiredState: definition.desiredState ?? "RUNNING",
      currentState: "CREATING",
      source: definition.source,
      sourceParameters: definition.sourceParameters,
      target: definition.target,
      targetParameters: definition.targetParameters,
      roleArn: definition.roleArn,
      tags: definition.tags,
      logConfiguration: definition.logConfiguration,
      kmsKeyIdentifier: definition.kmsKeyIdentifier,
      createdAt: now,
      lastModifiedAt: now,
      counters: { received: 0, filteredOut: 0, delivered: 0, failed: 0 },
      checkpoints: {},
    };
    begin(pipe, "CREATING", now);
    this.pipesIn(region).set(name, pipe);
    this.save(pipe);
    return pipe;
  }

  update(region: string, name: string, change: Partial<PipeDefinition> & { roleArn: string }): PipeRecord {
    const pipe = this.require(region, name);
    if (isTransitioning(pipe)) throw pipesErrors.conflict(name, pipe.arn, pipe.currentState);
    checkRoleArn(change.roleArn);
    const sourceParameters = change.sourceParameters ? { ...pipe.sourceParameters, ...change.sourceParameters } : pipe.sourceParameters;
    const target = change.target ?? pipe.target;
    const targetParameters = change.targetParameters ?? (change.target ? {} : pipe.targetParameters);
    checkDefinition(pipe.source, sourceParameters, target, targetParameters);
    pipe.roleArn = change.roleArn;
    pipe.sourceParameters = sourceParameters;
    pipe.target = target;
    pipe.targetParameters = targetParameters;
    if (change.description !== undefined) pipe.description = change.description;
    if (change.desiredState !== undefined) pipe.desiredState = change.desiredState;
    if (change.logConfiguration !== undefined) pipe.logConfiguration = objectOrEmpty(change.logConfiguration, "logConfiguration");
    if (change.kmsKeyIdentifier !== undefined) pipe.kmsKeyIdentifier = change.kmsKeyIdentifier;
    const now = this.clock.now();
    pipe.lastModifiedAt = now;
    begin(pipe, "UPDATING", now);
    this.save(pipe);
    return pipe;
  }

  start(region: string, name: string): PipeRecord {
    const pipe = this.require(region, name);
    if (isTransitioning(pipe)) throw pipesErrors.conflict(name, pipe.arn, pipe.currentState);
    pipe.desiredState = "RUNNING";
    if (pipe.currentState !== "RUNNING") begin(pipe, "STARTING", this.clock.now());
    pipe.lastModifiedAt = this.clock.now();
    this.save(pipe);
    return pipe;
  }

  stop(region: string, name: string): PipeRecord {
    const pipe = this.require(region, name);
    if (isTransitioning(pipe)) throw pipesErrors.conflict(name, pipe.arn, pipe.currentState);
    pipe.desiredState = "STOPPED";
    if (pipe.currentState !== "STOPPED") begin(pipe, "STOPPING", this.clock.now());
    pipe.lastModifiedAt = this.clock.now();
    this.save(pipe);
    return pipe;
  }

  delete(region: string, name: string): PipeRecord {
    const pipe = this.require(region, name);
    if (pipe.currentState === "DELETING") throw pipesErrors.conflict(name, pipe.arn, pipe.currentState);
    pipe.desiredState = "DELETED";
    begin(pipe, "DELETING", this.clock.now());
    pipe.lastModifiedAt = this.clock.now();
    this.save(pipe);
    return pipe;
  }

  tag(pipe: PipeRecord, tags: Record<string, string>): void {
    const merged = { ...pipe.tags, ...tags };
    if (Object.keys(merged).length > 50) throw pipesErrors.validation("A pipe can have at most 50 tags.", "tags");
    pipe.tags = merged;
    this.save(pipe);
  }

  untag(pipe: PipeRecord, keys: string[]): void {
    for (const key of keys) delete pipe.tags[key];
    this.save(pipe);
  }

  save(pipe: PipeRecord): void {
    this.store.markDirty(this.keyOf(pipe), () => pipe);
  }

  private keyOf(pipe: PipeRecord): string {
    return `pipes/${keySegment(pipe.region)}/${keySegment(pipe.name)}`;
  }

  private pipesIn(region: string): Map<string, PipeRecord> {
    let pipes = this.regions.get(region);
    if (!pipes) {
      pipes = new Map();
      this.regions.set(region, pipes);
    }
    return pipes;
  }
}
