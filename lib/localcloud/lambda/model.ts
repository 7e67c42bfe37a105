/**
 * Lambda functions per region: create, read, update, delete, their Pending → Active and
 * InProgress → Successful transitions on the clock, and persistence (one store part per function,
 * the zips once per CodeSha256 in the code store).
 */
import { randomUUID } from "node:crypto";
import type { VirtualClock } from "../core/clock";
import { keySegment, type StateStore } from "../core/persistence";
import type { CodeStore } from "./code-store";
import { lambdaErrors } from "./errors";
import { LATEST, type FunctionRecord } from "./function";
import type { FunctionSettings } from "./input";
import { functionArnOf, parseFunctionRef } from "./names";

/** How long a new function stays Pending, and an update InProgress (virtual ms). */
export const TRANSITION_MS = 1_000;

export interface NewFunction {
  name: string;
  settings: FunctionSettings & { runtime: string; role: string; handler: string };
  zip: Buffer;
  tags: Record<string, string>;
}

type ChangeListener = (fn: FunctionRecord, change: "code" | "configuration" | "deleted") => void;

export class LambdaModel {
  /** region → name → function. */
  private readonly regions = new Map<string, Map<string, FunctionRecord>>();
  private readonly listeners: ChangeListener[] = [];

  constructor(
    private readonly clock: VirtualClock,
    private readonly store: StateStore,
    private readonly codes: CodeStore,
    readonly accountId: string,
  ) {
    for (const { data } of store.readAll("lambda/functions/")) {
      const fn = data as FunctionRecord;
      if (fn && typeof fn.name === "string" && typeof fn.region === "string" && typeof fn.codeSha256 === "string") this.functionsIn(fn.region).set(fn.name, fn);
    }
  }

  /** Called after code or configuration changes and deletes (the invoker retires environments). */
  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  arnOf(region: string, name: string, qualifier?: string): string {
    return functionArnOf(region, this.accountId, name, qualifier);
  }

  /**
   * The function an identifier names (name, partial or full ARN, with an optional qualifier or a
   * separate `Qualifier`), or ResourceNotFoundException as Lambda words it.
   */
  require(region: string, identifier: string, qualifier?: string | null): FunctionRecord {
    const ref = parseFunctionRef(identifier);
    const where = ref.region ?? region;
    const wanted = qualifier ?? ref.qualifier;
    const fn = ref.accountId !== undefined && ref.accountId !== this.accountId ? undefined : this.find(where, ref.name);
    if (!fn) throw lambdaErrors.functionNotFound(this.arnOf(where, ref.name, wanted));
    if (wanted !== undefined && wanted !== LATEST) throw lambdaErrors.functionNotFound(this.arnOf(where, ref.name, wanted));
    return fn;
  }

  /** The function by plain name, its state brought up to the clock. */
  find(region: string, name: string): FunctionRecord | undefined {
    const fn = this.regions.get(region)?.get(name);
    if (fn) this.settle(fn);
    return fn;
  }

  list(region: string): FunctionRecord[] {
    const fns = [...this.functionsIn(region).values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const fn of fns) this.settle(fn);
    return fns;
  }

  /** Every function of every region (metrics, reserved concurrency totals). */
  all(): FunctionRecord[] {
    return [...this.regions.values()].flatMap((fns) => [...fns.values()]);
  }

  create(region: string, input: NewFunction): FunctionRecord {
    const fns = this.functionsIn(region);
    if (fns.has(input.name)) throw lambdaErrors.functionExists(input.name);
    const now = this.clock.now();
    const { settings } = input;
    const fn: FunctionRecord = {
      region,
      name: input.name,
      arn: this.arnOf(region, input.name),
      runtime: settings.runtime,
      role: settings.role,
      handler: settings.handler,
      description: settings.description ?? "",
      timeoutSeconds: settings.timeoutSeconds ?? 3,
      memorySizeMB: settings.memorySizeMB ?? 128,
      architectures: settings.architectures ?? ["x86_64"],
      environment: settings.environment ?? {},
      codeSha256: this.codes.put(input.zip),
      codeSize: input.zip.length,
      lastModified: now,
      revisionId: randomUUID(),
      state: "Pending",
      activeAt: now + TRANSITION_MS,
      tags: input.tags,
      policy: [],
      generation: 1,
    };
    fns.set(fn.name, fn);
    this.save(fn);
    return fn;
  }

  updateCode(fn: FunctionRecord, zip: Buffer, revisionId?: string): FunctionRecord {
    this.beginUpdate(fn, revisionId);
    const previous = fn.codeSha256;
    fn.codeSha256 = this.codes.put(zip);
    fn.codeSize = zip.length;
    this.finishChange(fn, "code");
    if (previous !== fn.codeSha256) this.dropUnusedCode(previous);
    return fn;
  }

  updateConfiguration(fn: FunctionRecord, settings: FunctionSettings, revisionId?: string): FunctionRecord {
    this.beginUpdate(fn, revisionId);
    if (settings.runtime !== undefined) fn.runtime = settings.runtime;
    if (settings.role !== undefined) fn.role = settings.role;
    if (settings.handler !== undefined) fn.handler = settings.handler;
    if (settings.description !== undefined) fn.description = settings.description;
    if (settings.timeoutSeconds !== undefined) fn.timeoutSeconds = settings.timeoutSeconds;
    if (settings.memorySizeMB !== undefined) fn.memorySizeMB = settings.memorySizeMB;
    if (settings.environment !== undefined) fn.environment = settings.environment;
    if (settings.architectures !== undefined) fn.architectures = settings.architectures;
    this.finishChange(fn, "configuration");
    return fn;
  }

  /** Changes that do not touch code or configuration (tags, policy, concurrency): a new RevisionId where Lambda gives one. */
  change(fn: FunctionRecord, apply: (fn: FunctionRecord) => void, newRevision = false): void {
    apply(fn);
    if (newRevision) fn.revisionId = randomUUID();
    this.save(fn);
  }

  delete(fn: FunctionRecord): void {
    this.regions.get(fn.region)?.delete(fn.name);
    this.store.remove(this.keyOf(fn));
    this.dropUnusedCode(fn.codeSha256);
    for (const listener of this.listeners) listener(fn, "deleted");
  }

  /** The zip of the function's current code. */
  zipOf(fn: FunctionRecord): Buffer {
    const zip = this.codes.get(fn.codeSha256);
    if (!zip) throw lambdaErrors.resourceNotFound(`The code of ${fn.arn} is missing from the local cloud's store.`);
    return zip;
  }

  zipBySha(codeSha256: string): Buffer | undefined {
    return this.all().some((fn) => fn.codeSha256 === codeSha256) ? this.codes.get(codeSha256) : undefined;
  }

  private beginUpdate(fn: FunctionRecord, revisionId?: string): void {
    if (fn.state === "Pending") throw lambdaErrors.pending();
    if (fn.lastUpdateStatus === "InProgress") throw lambdaErrors.updateInProgress(fn.arn);
    if (revisionId !== undefined && revisionId !== fn.revisionId) throw lambdaErrors.preconditionFailed();
  }

  private finishChange(fn: FunctionRecord, change: "code" | "configuration"): void {
    const now = this.clock.now();
    fn.lastModified = now;
    fn.revisionId = randomUUID();
    fn.lastUpdateStatus = "InProgress";
    fn.updatedAt = now + TRANSITION_MS;
    fn.generation += 1;
    this.save(fn);
    for (const listener of this.listeners) listener(fn, change);
  }

  private settle(fn: FunctionRecord): void {
    const now = this.clock.now();
    let changed = false;
    if (fn.state === "Pending" && now >= fn.activeAt) {
      fn.state = "Active";
      fn.lastUpdateStatus = "Successful";
      changed = true;
    }
    if (fn.lastUpdateStatus === "InProgress" && now >= (fn.updatedAt ?? 0)) {
      fn.lastUpdateStatus = "Successful";
      fn.updatedAt = undefined;
      changed = true;
    }
    if (changed) this.save(fn);
  }

  private dropUnusedCode(codeSha256: string): void {
    if (!this.all().some((fn) => fn.codeSha256 === codeSha256)) this.codes.drop(codeSha256);
  }

  private functionsIn(region: string): Map<string, FunctionRecord> {
    let fns = this.regions.get(region);
    if (!fns) {
      fns = new Map();
      this.regions.set(region, fns);
    }
    return fns;
  }

  private keyOf(fn: FunctionRecord): string {
    return `lambda/functions/${keySegment(fn.region)}/${keySegment(fn.name)}`;
  }

  private save(fn: FunctionRecord): void {
    this.store.markDirty(this.keyOf(fn), () => fn);
  }
}
