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
}

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
  /** Proves the step done against the live account. Never changes anything. */
  check(context: LabContext<R>): Promise<CheckResult>;
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
   * Extra live state for the lab's panels (JSON), computed on the server at each refresh. The
   * generic live panel already describes every resource; use this for what is lab-specific.
   */
  live?(context: LabContext<R>): Promise<Record<string, JsonValue>>;
}

/** A definition with its type parameter erased, as the registry holds it. */
export type AnyLab = LabDefinition<ResourceMap>;
