/**
 * The states Lambda shows while a mapping changes: `Creating`, `Enabling`, `Disabling` and
 * `Updating` for a moment of the local cloud's clock after the change, then `Enabled` or
 * `Disabled`; `Deleting` is what DeleteEventSourceMapping answers. The moment is kept in memory
 * only: after a restart every mapping has settled.
 */
import type { MappingState } from "../../runtime";
import type { VirtualClock } from "../core/clock";

export type Transition = "Creating" | "Enabling" | "Disabling" | "Updating";
export type DisplayedState = MappingState | Transition | "Deleting";

/** How long a change shows before the mapping settles (Lambda takes a few seconds). */
export const TRANSITION_MS = 1_000;

export class Transitions {
  private readonly changes = new Map<string, { transition: Transition; until: number }>();

  constructor(private readonly clock: VirtualClock) {}

  began(uuid: string, transition: Transition): void {
    this.changes.set(uuid, { transition, until: this.clock.now() + TRANSITION_MS });
  }

  forget(uuid: string): void {
    this.changes.delete(uuid);
  }

  state(uuid: string, settled: MappingState): DisplayedState {
    const change = this.changes.get(uuid);
    if (!change) return settled;
    if (this.clock.now() < change.until) return change.transition;
    this.changes.delete(uuid);
    return settled;
  }
}

/** Which transition an update shows, from the enabled flag before and after. */
export function updateTransition(wasEnabled: boolean, isEnabled: boolean): Transition {
  if (wasEnabled === isEnabled) return "Updating";
  return isEnabled ? "Enabling" : "Disabling";
}
