"use client";
/**
 * The class's connection, as the instructor chooses it: the local cloud, an endpoint, or AWS
 * (default credentials, a profile, or pasted keys held in the server's memory only).
 */
import { useId } from "react";
import type { ApiError } from "@/lib/api/responses";
import { ChoiceCards, fieldError, FormField, inputClass } from "@/components/ui/form-field";

export interface ConnectionDraft {
  mode: "embedded" | "endpoint" | "aws";
  endpoint: string;
  source: "chain" | "profile" | "keys";
  profile: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export function emptyConnectionDraft(localCloudPort: number, profiles: string[]): ConnectionDraft {
  return { mode: "embedded", endpoint: `http://127.0.0.1:${localCloudPort}`, source: "chain", profile: profiles[0] ?? "default", accessKeyId: "", secretAccessKey: "", sessionToken: "" };
}

/** What the routes take: plain values, keys only when typed. */
export function connectionBody(draft: ConnectionDraft) {
  if (draft.mode === "embedded") return { mode: "embedded" as const };
  if (draft.mode === "endpoint") return { mode: "endpoint" as const, endpoint: draft.endpoint };
  if (draft.source === "profile") return { mode: "aws" as const, source: "profile" as const, profile: draft.profile };
  if (draft.source === "keys") {
    const typed = draft.accessKeyId.trim() || draft.secretAccessKey.trim();
    return {
      mode: "aws" as const,
      source: "keys" as const,
      ...(typed ? { keys: { accessKeyId: draft.accessKeyId, secretAccessKey: draft.secretAccessKey, sessionToken: draft.sessionToken || undefined } } : {}),
    };
  }
  return { mode: "aws" as const, source: "chain" as const };
}

const MODES = [
  { value: "embedded", title: "Local cloud", text: "The workbook's own cloud: no account, no cost. Students share it." },
  { value: "endpoint", title: "Endpoint", text: "A local cloud run alone, LocalStack or moto." },
  { value: "aws", title: "AWS account", text: "One account for the class; students never see its credentials." },
] as const;

const SOURCES = [
  { value: "chain", title: "Default credentials", text: "As the AWS CLI finds them on this server." },
  { value: "profile", title: "A named profile", text: "From this server's ~/.aws files." },
  { value: "keys", title: "Paste keys", text: "Held in memory only; after a restart, paste them again." },
] as const;

export function ClassConnectionFields({
  value,
  onChange,
  profiles,
  remoteEndpointsAllowed,
  error,
  keysHeld,
}: {
  value: ConnectionDraft;
  onChange(next: ConnectionDraft): void;
  profiles: string[];
  remoteEndpointsAllowed: boolean;
  error: ApiError | null;
  keysHeld?: boolean;
}) {
  const id = useId();
  const set = (patch: Partial<ConnectionDraft>) => onChange({ ...value, ...patch });
  return (
    <div className="grid gap-4">
      <ChoiceCards name={`${id}-mode`} legend="Where the class's labs run" options={MODES} value={value.mode} onChange={(mode) => set({ mode })} />
      {value.mode === "endpoint" ? (
        <FormField
          id={`${id}-endpoint`}
          label="Endpoint URL"
          help={remoteEndpointsAllowed ? "Any AWS-compatible endpoint." : "On this machine only (MESSAGING_LABS_ALLOW_REMOTE_ENDPOINTS=1 allows others)."}
          error={fieldError(error, "connection.endpoint")}
        >
          <input id={`${id}-endpoint`} className={`${inputClass} font-mono`} value={value.endpoint} onChange={(e) => set({ endpoint: e.target.value })} spellCheck={false} />
        </FormField>
      ) : null}
      {value.mode === "aws" ? (
        <>
          <ChoiceCards name={`${id}-source`} legend="The class's credentials" options={SOURCES} value={value.source} onChange={(source) => set({ source })} />
          {value.source === "profile" ? (
            <FormField id={`${id}-profile`} label="Profile" error={fieldError(error, "connection.profile")}>
              {profiles.length ? (
                <select id={`${id}-profile`} className={inputClass} value={value.profile} onChange={(e) => set({ profile: e.target.value })}>
                  {profiles.map((p) => (
                    <option key={p}>{p}</option>
                  ))}
                </select>
              ) : (
                <input id={`${id}-profile`} className={`${inputClass} font-mono`} value={value.profile} onChange={(e) => set({ profile: e.target.value })} />
              )}
            </FormField>
          ) : null}
          {value.source === "keys" ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <FormField id={`${id}-akid`} label="Access key ID" help={keysHeld ? "Keys are held for this class; leave empty to keep them." : undefined} error={fieldError(error, "connection.keys.accessKeyId")}>
                <input id={`${id}-akid`} className={`${inputClass} font-mono`} autoComplete="off" value={value.accessKeyId} onChange={(e) => set({ accessKeyId: e.target.value })} />
              </FormField>
              <FormField id={`${id}-secret`} label="Secret access key" error={fieldError(error, "connection.keys.secretAccessKey")}>
                <input id={`${id}-secret`} type="password" className={`${inputClass} font-mono`} autoComplete="off" value={value.secretAccessKey} onChange={(e) => set({ secretAccessKey: e.target.value })} />
              </FormField>
              <FormField id={`${id}-token`} label="Session token (temporary keys)">
                <input id={`${id}-token`} type="password" className={`${inputClass} font-mono`} autoComplete="off" value={value.sessionToken} onChange={(e) => set({ sessionToken: e.target.value })} />
              </FormField>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
