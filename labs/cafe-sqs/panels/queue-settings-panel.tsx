"use client";
/**
 * “Create the queue”'s settings, each with the reason for it: what "Create the queue" applies.
 */
import type { LabPanelProps } from "@/lib/lab-framework/types";
import { QUEUE_SETTINGS } from "../queue-settings";

export function QueueSettingsPanel({ names }: LabPanelProps) {
  return (
    <section aria-labelledby="settings-title" className="rounded-lg border border-border bg-surface p-4">
      <h3 id="settings-title" className="text-sm font-semibold text-fg">
        <span className="font-mono">{names.ordersQueue}</span> · Standard queue
      </h3>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="queue-settings">
          <thead className="text-xs text-muted">
            <tr>
              <th scope="col" className="py-1.5 pr-3 font-medium">Setting</th>
              <th scope="col" className="py-1.5 pr-3 font-medium">Value</th>
              <th scope="col" className="py-1.5 font-medium">Why</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border align-top">
            {QUEUE_SETTINGS.map((s) => (
              <tr key={s.attribute}>
                <th scope="row" className="py-2 pr-3 font-medium whitespace-nowrap text-fg">
                  {s.label}
                  <span className="block font-mono text-[11px] font-normal text-subtle">{s.attribute}</span>
                </th>
                <td className="py-2 pr-3 font-mono text-xs whitespace-nowrap text-fg">{s.shown}</td>
                <td className="py-2 text-xs text-muted">{s.why}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" className="py-2 pr-3 font-medium whitespace-nowrap text-fg">Dead-letter queue</th>
              <td className="py-2 pr-3 font-mono text-xs text-fg">none yet</td>
              <td className="py-2 text-xs text-muted">Added in “Forced failure”, after you have seen a failing order come back again and again without one.</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
