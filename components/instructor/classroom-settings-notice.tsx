/** What the Settings page shows a student in a class: the class decides the settings. */
import type { ClassroomPlace } from "@/lib/classroom/current-classroom";
import { LeaveClassButton } from "./leave-class-button";

export function ClassroomSettingsNotice({ place }: { place: ClassroomPlace }) {
  return (
    <section className="mt-8 max-w-2xl rounded-lg border border-border bg-surface p-5" aria-labelledby="class-settings-title" data-testid="classroom-settings">
      <h2 id="class-settings-title" className="text-lg font-semibold text-fg">
        Set by your class
      </h2>
      <p className="mt-2 text-sm leading-relaxed text-muted">
        You are in <span className="font-medium text-fg">{place.className}</span> as <span className="font-mono text-fg">{place.username}</span>. Your username
        is your prefix: every resource you create is named <span className="font-mono text-fg">{place.username}-…</span> and tagged with it. The connection
        (region <span className="font-mono text-fg">{place.region}</span>) is the class&apos;s, set by your instructor.
      </p>
      <div className="mt-4">
        <LeaveClassButton username={place.username} />
      </div>
    </section>
  );
}
