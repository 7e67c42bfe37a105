"use client";
/**
 * One action of a step, as the generic step view shows it: its fields, its button, progress while
 * it runs, and what came back.
 */
import { useId, useState, type FormEvent } from "react";
import type { FieldSpec } from "@/lib/lab-framework/types";
import type { ActionView } from "@/lib/lab-framework/view";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { useElapsed } from "./use-elapsed";
import { useLabAction, type ActionResponse, type PlainParams } from "./use-lab-action";

function initialValues(fields: FieldSpec[]): PlainParams {
  const values: PlainParams = {};
  for (const field of fields) {
    if (field.type === "checkbox") values[field.name] = field.defaultValue ?? false;
    else if (field.type === "number") values[field.name] = field.defaultValue ?? field.min ?? 0;
    else if (field.type === "select") values[field.name] = field.defaultValue ?? field.options[0]?.value ?? "";
    else values[field.name] = field.defaultValue ?? "";
  }
  return values;
}

const inputClass = "mt-1 block w-full rounded-md border border-border-strong bg-surface px-2.5 py-1.5 text-sm text-fg";

export function ActionForm({ labId, stepId, action, onDone }: { labId: string; stepId: string; action: ActionView; onDone(response: ActionResponse): void }) {
  const id = useId();
  const [values, setValues] = useState<PlainParams>(() => initialValues(action.fields));
  const state = useLabAction(labId, stepId, action.id, onDone);
  const elapsed = useElapsed(state.startedAt);
  const set = (name: string, value: string | number | boolean) => setValues((v) => ({ ...v, [name]: value }));
  const invalidField = state.error?.field?.replace(/^params\./, "");

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (action.confirm && !window.confirm(action.confirm)) return;
    await state.run(values);
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label={action.label} data-testid={`action-${action.id}`}>
      {action.description ? <p className="text-sm text-muted">{action.description}</p> : null}
      {action.fields.length ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {action.fields.map((field) => {
            const fieldId = `${id}-${field.name}`;
            const invalid = invalidField === field.name;
            if (field.type === "checkbox") {
              return (
                <label key={field.name} className="flex items-center gap-2 text-sm text-fg sm:col-span-2">
                  <input type="checkbox" checked={Boolean(values[field.name])} onChange={(e) => set(field.name, e.target.checked)} className="accent-[var(--accent)]" />
                  {field.label}
                  {field.help ? <span className="text-muted">· {field.help}</span> : null}
                </label>
              );
            }
            return (
              <div key={field.name}>
                <label htmlFor={fieldId} className="text-sm font-medium text-fg">
                  {field.label}
                </label>
                {field.type === "select" ? (
                  <select id={fieldId} value={String(values[field.name] ?? "")} onChange={(e) => set(field.name, e.target.value)} className={inputClass}>
                    {field.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={fieldId}
                    type={field.type}
                    value={String(values[field.name] ?? "")}
                    min={field.type === "number" ? field.min : undefined}
                    max={field.type === "number" ? field.max : undefined}
                    step={field.type === "number" ? field.step : undefined}
                    placeholder={field.type === "text" ? field.placeholder : undefined}
                    onChange={(e) => set(field.name, field.type === "number" ? Number(e.target.value) : e.target.value)}
                    className={inputClass}
                    aria-invalid={invalid}
                  />
                )}
                {field.help ? <p className="mt-1 text-xs text-muted">{field.help}</p> : null}
              </div>
            );
          })}
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" tone={action.tone} busy={state.busy}>
          {action.label}
        </Button>
        <span role="status" className="text-sm text-muted">
          {state.busy ? `Working… ${elapsed > 0 ? `${elapsed} s` : ""}` : ""}
        </span>
      </div>
      {state.result ? (
        <p className="flex items-start gap-2 rounded-md bg-ok-soft px-3 py-2 text-sm text-fg" data-testid="action-outcome">
          <span aria-hidden className="text-ok">✓</span>
          <span>{state.result.outcome.message}</span>
        </p>
      ) : null}
      {state.error ? <ErrorNotice error={state.error} title={`${action.label} failed`} /> : null}
    </form>
  );
}
