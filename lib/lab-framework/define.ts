/**
 * Helpers a lab folder writes its definition with. They fill defaults, keep the types of resource
 * names flowing into steps, and refuse a malformed definition when the module loads (duplicate
 * ids, names too long for the service), so a mistake fails the tests instead of a student's click.
 */
import { z } from "zod";
import { PREFIX_MAX_LENGTH } from "@/lib/aws/prefix";
import type {
  ActionOutcome,
  FieldSpec,
  LabContext,
  LabDefinition,
  LabStep,
  ResourceKind,
  ResourceMap,
  StepAction,
} from "./types";

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Each service's longest name, and the characters it allows, for `<prefix>-<name>`. */
const NAME_RULES: Record<ResourceKind, { max: number; pattern: RegExp }> = {
  "sqs-queue": { max: 80, pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/ },
  "sns-topic": { max: 256, pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/ },
  "sns-subscription": { max: 256, pattern: /^[A-Za-z0-9_.-]+$/ },
  "dynamodb-table": { max: 255, pattern: /^[A-Za-z0-9_.-]+$/ },
  "kinesis-stream": { max: 128, pattern: /^[A-Za-z0-9_.-]+$/ },
  pipe: { max: 64, pattern: /^[A-Za-z0-9_.-]+$/ },
  "iam-role": { max: 64, pattern: /^[A-Za-z0-9+=,.@_-]+$/ },
  "cloudwatch-alarm": { max: 255, pattern: /^[A-Za-z0-9_. -]+$/ },
  "cloudwatch-dashboard": { max: 255, pattern: /^[A-Za-z0-9_-]+$/ },
  function: { max: 64, pattern: /^[A-Za-z0-9_-]+$/ },
  "event-source-mapping": { max: 128, pattern: /^[A-Za-z0-9_.-]+$/ },
};

/** The name a resource gets for a student: `<prefix>-<name>`. */
export function resourceName(prefix: string, name: string): string {
  return `${prefix}-${name}`;
}

export function defineResources<const R extends ResourceMap>(resources: R): R {
  for (const [key, spec] of Object.entries(resources)) {
    const rule = NAME_RULES[spec.kind];
    const longest = resourceName("x".repeat(PREFIX_MAX_LENGTH), spec.name);
    if (longest.length > rule.max) {
      throw new Error(`Resource ${key}: "${spec.name}" is too long for a ${spec.kind} once a ${PREFIX_MAX_LENGTH}-character prefix is added (max ${rule.max}).`);
    }
    if (!rule.pattern.test(spec.name)) throw new Error(`Resource ${key}: "${spec.name}" has characters a ${spec.kind} name cannot hold.`);
  }
  return resources;
}

export interface ActionInput<R extends ResourceMap, S extends z.ZodType> {
  id: string;
  label: string;
  description?: string;
  params?: S;
  fields?: FieldSpec[];
  tone?: StepAction<R>["tone"];
  confirm?: string;
  panelOnly?: boolean;
  checkAfter?: boolean;
  run(context: LabContext<R>, params: z.output<S>): Promise<ActionOutcome>;
}

const NO_PARAMS = z.object({}).strict();

export function defineAction<R extends ResourceMap, S extends z.ZodType = typeof NO_PARAMS>(input: ActionInput<R, S>): StepAction<R> {
  if (!ID.test(input.id)) throw new Error(`Action id "${input.id}" must be kebab-case.`);
  const schema = (input.params ?? NO_PARAMS) as S;
  return {
    id: input.id,
    label: input.label,
    description: input.description,
    fields: input.fields ?? [],
    params: schema,
    tone: input.tone ?? "primary",
    confirm: input.confirm,
    panelOnly: input.panelOnly ?? false,
    checkAfter: input.checkAfter ?? true,
    run: async (context, raw) => input.run(context, schema.parse(raw)),
  };
}

export function defineStep<R extends ResourceMap>(step: LabStep<R>): LabStep<R> {
  if (!ID.test(step.id)) throw new Error(`Step id "${step.id}" must be kebab-case.`);
  const ids = new Set<string>();
  for (const action of step.actions) {
    if (ids.has(action.id)) throw new Error(`Step ${step.id}: two actions are called "${action.id}".`);
    ids.add(action.id);
  }
  return step;
}

export function defineLab<R extends ResourceMap>(lab: LabDefinition<R>): LabDefinition<R> {
  if (!ID.test(lab.id)) throw new Error(`Lab id "${lab.id}" must be kebab-case.`);
  const stepIds = new Set<string>();
  for (const step of lab.steps) {
    if (stepIds.has(step.id)) throw new Error(`Lab ${lab.id}: two steps are called "${step.id}".`);
    stepIds.add(step.id);
  }
  if (!(lab.minutes > 0)) throw new Error(`Lab ${lab.id}: give a time estimate in minutes.`);
  for (const key of Object.keys(lab.handlers ?? {})) {
    if (lab.resources[key]?.kind !== "function") throw new Error(`Lab ${lab.id}: handler "${key}" must be the key of a function resource.`);
  }
  for (const [id, graph] of Object.entries(lab.graphs ?? {})) {
    if (!ID.test(id)) throw new Error(`Lab ${lab.id}: graph id "${id}" must be kebab-case.`);
    for (const metric of graph.metrics) {
      if (!/^[a-z][a-zA-Z0-9_]*$/.test(metric.id)) throw new Error(`Lab ${lab.id}: metric id "${metric.id}" in graph ${id} must start with a lower-case letter.`);
    }
  }
  if (lab.diagram) {
    const nodes = new Set(lab.diagram.nodes.map((n) => n.id));
    for (const edge of lab.diagram.edges) {
      if (!nodes.has(edge.from) || !nodes.has(edge.to)) throw new Error(`Lab ${lab.id}: diagram edge ${edge.id} joins a node that is not there.`);
    }
    for (const node of lab.diagram.nodes) {
      if (node.resource && !lab.resources[node.resource]) throw new Error(`Lab ${lab.id}: diagram node ${node.id} shows a resource that is not there.`);
    }
  }
  return lab;
}
