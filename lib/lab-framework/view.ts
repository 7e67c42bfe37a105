/**
 * The plain-JSON view of a lab that client components render: everything but the server code, with
 * names derived for the student and the CLI/SDK snippets written out.
 */
import type { Settings } from "@/lib/aws/connection";
import { snippetContext, withEndpointFlag } from "./context";
import type { AnyLab, DiagramSpec, FieldSpec, ResourceKind, StepAction } from "./types";

export interface ResourceView {
  key: string;
  kind: ResourceKind;
  name: string;
  description: string;
  listed: boolean;
}

export interface ActionView {
  id: string;
  label: string;
  description?: string;
  fields: FieldSpec[];
  tone: StepAction["tone"];
  confirm?: string;
  panelOnly: boolean;
}

export interface StepView {
  id: string;
  number: number;
  title: string;
  explanation: string;
  actions: ActionView[];
  cli: string;
  sdk: string;
  hasPanel: boolean;
  checkNote?: string;
}

export interface LabSummaryView {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  level: AnyLab["level"];
  services: string[];
  stepsComingIn?: string;
  stepCount: number;
  resources: ResourceView[];
}

export interface LabView extends LabSummaryView {
  /** The student's prefix, which every derived name starts with. */
  prefix: string;
  steps: StepView[];
  /** The lab's architecture for the live diagram, when it has one. */
  diagram?: DiagramSpec;
  /** The lab runs functions: the page streams their log. */
  hasFunctions: boolean;
}

export function labSummaryView(lab: AnyLab, settings: Settings): LabSummaryView {
  const { names } = snippetContext(lab, settings);
  return {
    id: lab.id,
    title: lab.title,
    summary: lab.summary,
    minutes: lab.minutes,
    level: lab.level,
    services: lab.services,
    stepsComingIn: lab.stepsComingIn,
    stepCount: lab.steps.length,
    resources: Object.entries(lab.resources).map(([key, spec]) => ({
      key,
      kind: spec.kind,
      name: names[key],
      description: spec.description,
      listed: spec.listed !== false,
    })),
  };
}

/** `endpoint` is where the connection's calls go (null for real AWS), added to CLI commands. */
export function labView(lab: AnyLab, settings: Settings, endpoint: string | null): LabView {
  const snippets = snippetContext(lab, settings);
  return {
    ...labSummaryView(lab, settings),
    prefix: settings.prefix,
    steps: lab.steps.map((step, index) => ({
      id: step.id,
      number: index + 1,
      title: step.title,
      explanation: step.explanation,
      actions: step.actions.map((action) => ({
        id: action.id,
        label: action.label,
        description: action.description,
        fields: action.fields,
        tone: action.tone,
        confirm: action.confirm,
        panelOnly: action.panelOnly,
      })),
      cli: withEndpointFlag(step.cli(snippets), endpoint),
      sdk: step.sdk(snippets),
      hasPanel: Boolean(step.panel),
      ...(step.checkNote ? { checkNote: step.checkNote } : {}),
    })),
    ...(lab.diagram ? { diagram: lab.diagram } : {}),
    hasFunctions: Object.keys(lab.handlers ?? {}).length > 0,
  };
}
