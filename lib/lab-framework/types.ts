/**
 * What a lab is. A lab folder (`labs/<lab-id>/`) exports one LabDefinition made with `defineLab`:
 * its resources (names derived from the student's prefix), and its ordered steps, each with an
 * explanation, the actions the student runs, the check that proves the step done, and the AWS CLI
 * command and SDK call that do the same by hand. The app renders any definition.
 *
 * Server code (SDK calls in actions, checks and live state) and client code (optional panels)
 * live in separate files: a panel is a "use client" component the definition refers to.
 */
import type { ComponentType } from "react";
import type { z } from "zod";
import type { AwsClients } from "@/lib/aws/clients";
import type { Capabilities } from "@/lib/aws/capabilities";
import type { ConnectionMode } from "@/lib/aws/connection";
import type { AnyHandler, ApiRequest, InvocationResult, LogFilter, MappingInput, MappingView, NumberedLogLine } from "@/lib/runtime";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type ResourceKind =
  | "sqs-queue"
  | "sns-topic"
  | "sns-subscription"
  | "dynamodb-table"
  | "kinesis-stream"
  | "pipe"
  | "iam-role"
  | "cloudwatch-alarm"
  | "cloudwatch-dashboard"
  | "function"
  | "event-source-mapping";

export interface ResourceSpec {
  kind: ResourceKind;
  /** The name without the prefix, as the write-up has it: "CafeOrdersQueue", "orders.fifo". */
  name: string;
  /** What the resource is for in this lab, in one short sentence. */
  description: string;
  /** Shown in the live panel and the lab card; false for helper resources (default true). */
  listed?: boolean;
}

export type ResourceMap = Record<string, ResourceSpec>;

/** The derived name of each resource: `<prefix>-<name>`. */
export type ResourceNames<R extends ResourceMap> = { readonly [K in keyof R]: string };

/** The tags every resource a lab creates carries, and teardown looks for. */
export interface LabTags {
  Project: "ServerlessLab";
  Lab: string;
  Student: string;
}

/** What the CLI and SDK snippets are written from (no client, no secret). */
export interface SnippetContext<R extends ResourceMap = ResourceMap> {
  labId: string;
  prefix: string;
  region: string;
  names: ResourceNames<R>;
  tags: LabTags;
}

/** Everything a step's server code gets: derived names, tags, and the SDK clients of the connection. */
export interface LabContext<R extends ResourceMap = ResourceMap> extends SnippetContext<R> {
  aws: AwsClients;
  connection: { mode: ConnectionMode; capabilities: Capabilities };
  /** The connected account's id (asked once from STS, then remembered). */
  accountId(): Promise<string>;
  /** Tags as the `Tags: [{ Key, Value }]` lists most AWS APIs take. */
  tagList(): Array<{ Key: string; Value: string }>;
  /** Aborted when the browser goes away; pass to long SDK calls as `{ abortSignal }`. */
  signal: AbortSignal;
  /** This student's functions and event source mappings in this lab (lib/runtime). */
  runtime: LabRuntime<R>;
}

/** Mapping settings in Lambda's names, without what the framework fills in (function, handler, source ARN). */
export type MappingSettings = MappingInput extends infer M ? (M extends unknown ? Omit<M, "functionName" | "handler" | "eventSourceArn"> : never) : never;

/** A lab's functions and their event source mappings, scoped to one student (prefix) and lab. */
export interface LabRuntime<R extends ResourceMap = ResourceMap> {
  /**
   * CreateEventSourceMapping from a lab resource (`source`: a queue, a stream, or a table whose
   * stream is on) to a lab function, or UpdateEventSourceMapping when that function already reads
   * that source: safe to call again.
   */
  ensureMapping(fn: keyof R & string, source: keyof R & string, settings: MappingSettings): Promise<MappingView>;
  /** This student's mappings in this lab (none when the runtime has never run one). */
  mappings(): Promise<MappingView[]>;
  /** The mapping of `fn`, from `source` when given. */
  findMapping(fn: keyof R & string, source?: keyof R & string): Promise<MappingView | undefined>;
  /** The trigger's on/off switch (UpdateEventSourceMapping Enabled). */
  setMappingEnabled(uuid: string, enabled: boolean): Promise<MappingView>;
  deleteMapping(uuid: string): Promise<MappingView>;
  /** Clean-up: deletes every mapping of this lab for this student (saying which) and forgets the functions' environments. */
  teardown(): Promise<MappingView[]>;
  /** Invoke (RequestResponse) with any event, as a console "Test" button would. */
  invoke(fn: keyof R & string, event: unknown): Promise<InvocationResult>;
  /** Calls a producer through an API Gateway REST proxy event built from a plain request. */
  invokeApi(fn: keyof R & string, request: ApiRequest): Promise<ApiInvocation>;
  /** The function's environment variables (Lambda's function configuration), {} until set. */
  environment(fn: keyof R & string): Promise<Record<string, string>>;
  /** Replaces the function's environment variables; the next invocation sees them. */
  setEnvironment(fn: keyof R & string, variables: Record<string, string>): Promise<void>;
  /** The lab's live log (newest last). */
  logs(options?: { filter?: LogFilter; afterSeq?: number; limit?: number }): Promise<NumberedLogLine[]>;
  /** Publishes the functions' metrics now instead of at the next interval. */
  flushMetrics(): Promise<void>;
  /** True when none of this lab's mappings is invoking a function right now. */
  isIdle(): Promise<boolean>;
}

export interface ApiInvocation {
  requestId: string;
  /** What the function returned (statusCode, headers, body), when it returned. */
  response?: { statusCode: number; headers?: Record<string, string | number | boolean>; body: string };
  /** Why there is no response: the function threw, timed out or was throttled. */
  error?: string;
}

/**
 * What a lab's function is built with for one student, as Lambda gives a deployed function its
 * configuration: the SDK clients of the student's connection (Lambda: the execution role), the
 * derived resource names and the function's environment variables.
 */
export interface HandlerEnvironment<R extends ResourceMap = ResourceMap> {
  labId: string;
  prefix: string;
  region: string;
  names: ResourceNames<R>;
  aws: AwsClients;
  variables: Readonly<Record<string, string>>;
}

/**
 * Builds the handler of one of the lab's functions for a student (called for each invocation,
 * so environment changes apply at once). Return a promise-style handler: `async (event, context)`.
 */
export type HandlerFactory<R extends ResourceMap = ResourceMap> = {
  // Method syntax keeps a lab's factories assignable to the registry's erased type.
  build(environment: HandlerEnvironment<R>): AnyHandler;
}["build"];

export interface CheckResult {
  passed: boolean;
  /** Why, in one sentence the student can act on: "the queue still holds 3 messages". */
  reason: string;
  /** Optional finer points, shown as a list under the reason. */
  details?: string[];
}

export interface ActionOutcome {
  /** What happened, in one sentence: "Created user3-CafeOrdersQueue." */
  message: string;
  /** Anything a panel wants to show (a response body, created ids...). */
  data?: JsonValue;
}

export type FieldSpec =
  | { name: string; label: string; type: "text"; placeholder?: string; help?: string; defaultValue?: string }
  | { name: string; label: string; type: "number"; min?: number; max?: number; step?: number; help?: string; defaultValue?: number }
  | { name: string; label: string; type: "select"; options: Array<{ value: string; label: string }>; help?: string; defaultValue?: string }
  | { name: string; label: string; type: "checkbox"; help?: string; defaultValue?: boolean };

export interface StepAction<R extends ResourceMap = ResourceMap> {
  id: string;
  /** The button's text: "Create the queue". */
  label: string;
  description?: string;
  /** The form the generic step view shows for the parameters (panels may call the action their own way). */
  fields: FieldSpec[];
  /** zod schema of the plain parameters; the route validates with it before `run`. */
  params: z.ZodType;
  /** How the button looks: primary (default), secondary, or danger (asks to confirm). */
  tone: "primary" | "secondary" | "danger";
  /** For danger actions, the question to confirm. */
  confirm?: string;
  /** Only a panel calls it; the generic step view does not show a button. */
  panelOnly: boolean;
  /** Run the step's check right after the action succeeds (default true). */
  checkAfter: boolean;
  run(context: LabContext<R>, params: unknown): Promise<ActionOutcome>;
}

/** Props every lab panel (a "use client" component) receives. */
export interface LabPanelProps {
  labId: string;
  stepId: string;
  prefix: string;
  region: string;
  names: Record<string, string>;
}

export interface LabStep<R extends ResourceMap = ResourceMap> {
  id: string;
  title: string;
  /**
   * What happens and why, in the lab's own words. A small markdown subset: paragraphs, `- ` lists,
   * `code`, **bold**, and [links](https://...).
   */
  explanation: string;
  actions: StepAction<R>[];
  /** Proves the step done against the live account. Never changes anything, unless `checkNote` says what it does. */
  check(context: LabContext<R>): Promise<CheckResult>;
  /**
   * What the check does, when it is more than looking (a smoke test that sends test orders): shown
   * in place of "It changes nothing".
   */
  checkNote?: string;
  /** The AWS CLI command(s) that do what the actions do. */
  cli(context: SnippetContext<R>): string;
  /** The AWS SDK for JavaScript v3 call(s) that do the same. */
  sdk(context: SnippetContext<R>): string;
  /** A lab-specific client panel shown under the explanation. */
  panel?: ComponentType<LabPanelProps>;
}

/** One row of the live panel: a resource and what it holds right now. */
export interface LiveResource {
  key: string;
  kind: ResourceKind;
  name: string;
  state: "missing" | "creating" | "ready" | "deleting" | "unknown" | "error";
  /** Figures to show: "visible 3", "in flight 1", "items 12". */
  figures: Array<{ label: string; value: string | number }>;
  /** When state is error or unknown, why. */
  note?: string;
}

export interface LabDefinition<R extends ResourceMap = ResourceMap> {
  id: string;
  /** Where the lab sits in the catalogue (ascending). */
  order: number;
  title: string;
  /** One or two sentences for the catalogue. */
  summary: string;
  /** Time estimate in minutes. */
  minutes: number;
  level: "beginner" | "intermediate" | "advanced";
  /** The AWS services the lab uses, for the catalogue's badges. */
  services: string[];
  /** The issue whose work adds the lab's steps, while they are still being written. */
  stepsComingIn?: string;
  resources: R;
  steps: LabStep<R>[];
  /**
   * The lab's functions, by the key of their `function` resource: the runtime invokes them as
   * `<prefix>-<name>` for the mappings and API calls the steps make.
   */
  handlers?: { [K in keyof R]?: HandlerFactory<R> };
  /** CloudWatch graphs the lab's pages show, by id; the browser asks for a graph by its id only. */
  graphs?: Record<string, GraphSpec<R>>;
  /** The lab's architecture, drawn live above the step (plain data, sent to the browser). */
  diagram?: DiagramSpec;
  /**
   * Extra live state for the lab's panels (JSON), computed on the server at each refresh. The
   * generic live panel already describes every resource; use this for what is lab-specific.
   */
  live?(context: LabContext<R>): Promise<Record<string, JsonValue>>;
}

/** A definition with its type parameter erased, as the registry holds it. */
export type AnyLab = LabDefinition<ResourceMap>;

/** One line of a graph: a CloudWatch metric and the statistic to draw. */
export interface GraphMetric<R extends ResourceMap = ResourceMap> {
  /** Lower-case id, unique in the graph (GetMetricData's Id rules). */
  id: string;
  label: string;
  namespace: string;
  metricName: string;
  /** Built on the server from the student's names: `[{ Name: "QueueName", Value: c.names.ordersQueue }]`. */
  dimensions(context: SnippetContext<R>): Array<{ Name: string; Value: string }>;
  stat: "Sum" | "Average" | "Maximum" | "Minimum" | "SampleCount" | "p50" | "p90" | "p99";
}

export interface GraphSpec<R extends ResourceMap = ResourceMap> {
  title: string;
  /** What healthy looks like on this graph, in one sentence. */
  healthy?: string;
  unit?: string;
  /** Seconds per point (60 by default: the finest standard-resolution period). */
  periodSeconds?: number;
  metrics: Array<GraphMetric<R>>;
}

/** A box on the lab's diagram. Rows run top to bottom, columns left to right (0-based). */
export interface DiagramNode {
  id: string;
  label: string;
  kind: "client" | "api" | "function" | "queue" | "table" | "stream" | "topic" | "pipe" | "alarm" | "database";
  row: number;
  col: number;
  /** The lab resource whose live figures (visible, in flight, items...) the box shows. */
  resource?: string;
  /** Small print under the label ("batch 1"), or a key of the lab's live `diagram.nodes`. */
  note?: string;
}

export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  label?: string;
  /** Drawn dashed (a path that is off until a step turns it on). */
  dashed?: boolean;
}

export interface DiagramSpec {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}
