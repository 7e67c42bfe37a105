"use client";
/**
 * A new class: its name, who may join (a list, or user1..userN), the labs, the connection every
 * student's work runs through, the region, and what counts as stuck. Creating it puts the server
 * in classroom mode.
 */
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import type { ApiError } from "@/lib/api/responses";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { ClassConnectionFields, connectionBody, emptyConnectionDraft, type ConnectionDraft } from "./class-connection-fields";
import { fieldError, FormField, inputClass } from "@/components/ui/form-field";
import { classroomApi } from "./instructor-api";

export interface CreateClassProps {
  labs: Array<{ id: string; title: string }>;
  regions: ReadonlyArray<{ id: string; name: string }>;
  profiles: string[];
  localCloudPort: number;
  remoteEndpointsAllowed: boolean;
}

export function CreateClassForm({ labs, regions, profiles, localCloudPort, remoteEndpointsAllowed }: CreateClassProps) {
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState("");
  const [roster, setRoster] = useState("user1..user30");
  const [labIds, setLabIds] = useState(labs.map((l) => l.id));
  const [region, setRegion] = useState("us-east-1");
  const [connection, setConnection] = useState<ConnectionDraft>(() => emptyConnectionDraft(localCloudPort, profiles));
  const [idleMinutes, setIdleMinutes] = useState(15);
  const [failures, setFailures] = useState(3);
  const [allowFastForward, setAllowFastForward] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await classroomApi<{ class: { id: string } }>("/api/instructor/classes", "POST", {
      name,
      roster,
      labIds,
      connection: connectionBody(connection),
      region,
      stuck: { idleMinutes, failures },
      allowFastForward,
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    router.push(`/instructor/${result.data.class.id}`);
    router.refresh();
  }

  const knownField = error?.field && ["name", "roster", "labIds", "region"].includes(error.field);
  return (
    <form onSubmit={submit} className="grid gap-6" aria-label="New class" data-testid="create-class">
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField id={`${id}-name`} label="Class name" error={fieldError(error, "name")}>
          <input id={`${id}-name`} className={inputClass} value={name} onChange={(e) => setName(e.target.value)} placeholder="Serverless messaging, Tuesday" required />
        </FormField>
        <FormField id={`${id}-region`} label="Region" error={fieldError(error, "region")}>
          <select id={`${id}-region`} className={inputClass} value={region} onChange={(e) => setRegion(e.target.value)}>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} · {r.name}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <FormField
        id={`${id}-roster`}
        label="Who may join"
        help="A range such as user1..user30, or usernames separated by commas or lines. A username becomes the student's prefix."
        error={fieldError(error, "roster")}
      >
        <textarea id={`${id}-roster`} className={`${inputClass} font-mono`} rows={3} value={roster} onChange={(e) => setRoster(e.target.value)} required />
      </FormField>
      <fieldset>
        <legend className="text-sm font-medium text-fg">Labs</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {labs.map((lab) => (
            <label key={lab.id} className="flex items-center gap-2 text-sm text-fg">
              <input
                type="checkbox"
                className="accent-[var(--accent)]"
                checked={labIds.includes(lab.id)}
                onChange={(e) => setLabIds(e.target.checked ? labs.map((l) => l.id).filter((l) => l === lab.id || labIds.includes(l)) : labIds.filter((l) => l !== lab.id))}
              />
              {lab.title}
            </label>
          ))}
        </div>
        {fieldError(error, "labIds") ? <p className="mt-1.5 text-sm text-err">{fieldError(error, "labIds")}</p> : null}
      </fieldset>
      <ClassConnectionFields value={connection} onChange={setConnection} profiles={profiles} remoteEndpointsAllowed={remoteEndpointsAllowed} error={error} />
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-medium text-fg">Stuck means</legend>
        <FormField id={`${id}-idle`} label="No step done for (minutes)">
          <input id={`${id}-idle`} type="number" min={1} max={1440} className={inputClass} value={idleMinutes} onChange={(e) => setIdleMinutes(Number(e.target.value))} />
        </FormField>
        <FormField id={`${id}-failures`} label="Or a check failing (times)">
          <input id={`${id}-failures`} type="number" min={2} max={100} className={inputClass} value={failures} onChange={(e) => setFailures(Number(e.target.value))} />
        </FormField>
        <label className="flex items-center gap-2 self-end pb-2 text-sm text-fg">
          <input type="checkbox" className="accent-[var(--accent)]" checked={allowFastForward} onChange={(e) => setAllowFastForward(e.target.checked)} />
          Students may fast-forward the shared clock
        </label>
      </fieldset>
      {error && !knownField && !error.field?.startsWith("connection.") ? <ErrorNotice error={error} /> : null}
      <div>
        <Button type="submit" busy={busy}>
          Create the class
        </Button>
      </div>
    </form>
  );
}
