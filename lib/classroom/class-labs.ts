/**
 * The labs of a class, in catalogue order, as the dashboard's columns. The caller passes the
 * catalogue (`labs` of labs/registry.ts, at the app floor): the classroom never imports the labs.
 */
import type { AnyLab } from "@/lib/lab-framework/types";
import type { ClassRecord } from "./class-record";
import type { LabColumn } from "./dashboard-view";

export function classLabs(record: Pick<ClassRecord, "labIds">, catalogue: readonly AnyLab[]): AnyLab[] {
  return catalogue.filter((lab) => record.labIds.includes(lab.id));
}

export function labColumns(record: Pick<ClassRecord, "labIds">, catalogue: readonly AnyLab[]): LabColumn[] {
  return classLabs(record, catalogue).map((lab) => ({ id: lab.id, title: lab.title, steps: lab.steps.map((s) => ({ id: s.id, title: s.title })) }));
}

export function allLabChoices(catalogue: readonly AnyLab[]): Array<{ id: string; title: string }> {
  return catalogue.map((lab) => ({ id: lab.id, title: lab.title }));
}

export function knownLabIds(catalogue: readonly AnyLab[]): Set<string> {
  return new Set(catalogue.map((lab) => lab.id));
}
