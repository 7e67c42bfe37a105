/** The labs of a class, in catalogue order, as the dashboard's columns. Server-only (the registry holds SDK code). */
import { labs } from "@/labs/registry";
import type { AnyLab } from "@/labs/framework/types";
import type { ClassRecord } from "./class-record";
import type { LabColumn } from "./dashboard-view";

export function classLabs(record: Pick<ClassRecord, "labIds">): AnyLab[] {
  return labs.filter((lab) => record.labIds.includes(lab.id));
}

export function labColumns(record: Pick<ClassRecord, "labIds">): LabColumn[] {
  return classLabs(record).map((lab) => ({ id: lab.id, title: lab.title, steps: lab.steps.map((s) => ({ id: s.id, title: s.title })) }));
}

export function allLabChoices(): Array<{ id: string; title: string }> {
  return labs.map((lab) => ({ id: lab.id, title: lab.title }));
}

export function knownLabIds(): Set<string> {
  return new Set(labs.map((lab) => lab.id));
}
