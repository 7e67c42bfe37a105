"use client";
/**
 * The settings form: prefix, region and connection. Saving sends plain values to PUT /api/settings
 * (pasted keys go to the server's memory and are never sent back); testing asks STS who the saved
 * connection acts as.
 */
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import type { AwsCredentialSource, ConnectionMode } from "@/lib/aws/connection";
import type { ConnectionSummary } from "@/lib/aws/connection-summary";
import type { ConnectionTest } from "@/lib/aws/identity";
import { checkPrefix } from "@/lib/aws/prefix";
import type { PublicSettings } from "@/lib/aws/public-settings";
import { callApi } from "@/lib/api/client";
import type { ApiError } from "@/lib/api/responses";
import { requestLiveRefresh } from "@/lib/live/use-live";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { cx } from "@/components/ui/cx";
import { ErrorNotice } from "@/components/ui/error-notice";
import { StatusDot } from "@/components/ui/status-dot";
import { ChoiceCards, FormField, inputClass } from "@/components/ui/form-field";

interface Props {
  initial: PublicSettings;
  summary: ConnectionSummary;
  profiles: string[];
  regions: ReadonlyArray<{ id: string; name: string }>;
  localCloudPort: number;
  remoteEndpointsAllowed: boolean;
}

interface SavedResponse {
  settings: PublicSettings;
  summary: ConnectionSummary;
}

const MODES: Array<{ value: ConnectionMode; title: string; text: string }> = [
  { value: "embedded", title: "Local cloud", text: "Starts with the workbook. No account, no cost, and time can be fast-forwarded." },
  { value: "endpoint", title: "Endpoint", text: "Any AWS-compatible URL: the local cloud run alone, LocalStack or moto." },
  { value: "aws", title: "AWS account", text: "Real AWS with your own credentials. Labs create real, billed resources." },
];

const SOURCES: Array<{ value: AwsCredentialSource; title: string; text: string }> = [
  { value: "chain", title: "Default credentials", text: "Environment variables, SSO, ~/.aws files or an instance role, as the AWS CLI finds them." },
  { value: "profile", title: "A named profile", text: "From ~/.aws/config or ~/.aws/credentials." },
  { value: "keys", title: "Paste temporary keys", text: "Held in this server's memory only, never written to disk or sent back." },
];

export function SettingsForm({ initial, summary: initialSummary, profiles, regions, localCloudPort, remoteEndpointsAllowed }: Props) {
  const router = useRouter();
  const id = useId();
  const [saved, setSaved] = useState(initial);
  const [summary, setSummary] = useState(initialSummary);
  const [prefix, setPrefix] = useState(initial.prefix);
  const [region, setRegion] = useState(initial.region);
  const [mode, setMode] = useState<ConnectionMode>(initial.mode);
  const [endpoint, setEndpoint] = useState(initial.endpoint ?? `http://127.0.0.1:${localCloudPort}`);
  const [source, setSource] = useState<AwsCredentialSource>(initial.source ?? "chain");
  const [profile, setProfile] = useState(initial.profile ?? profiles[0] ?? "default");
  const [accessKeyId, setAccessKeyId] = useState("");
  const [secretAccessKey, setSecretAccessKey] = useState("");
  const [sessionToken, setSessionToken] = useState("");
  const [busy, setBusy] = useState<"save" | "test" | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [test, setTest] = useState<ConnectionTest | null>(null);

  const prefixCheck = checkPrefix(prefix);
  const typedKeys = accessKeyId.trim() !== "" || secretAccessKey.trim() !== "";
  const dirty =
    prefix !== saved.prefix ||
    region !== saved.region ||
    mode !== saved.mode ||
    (mode === "endpoint" && endpoint !== saved.endpoint) ||
    (mode === "aws" && (source !== saved.source || (source === "profile" && profile !== saved.profile) || (source === "keys" && typedKeys)));
  const fieldError = (field: string) => (error?.field === field ? error.message.replace(/^[\w.]+: /, "") : undefined);

  function body() {
    return {
      mode,
      region,
      prefix: prefix.trim(),
      ...(mode === "endpoint" ? { endpoint: endpoint.trim() } : {}),
      ...(mode === "aws" ? { source } : {}),
      ...(mode === "aws" && source === "profile" ? { profile } : {}),
      ...(mode === "aws" && source === "keys" && typedKeys
        ? { keys: { accessKeyId: accessKeyId.trim(), secretAccessKey: secretAccessKey.trim(), sessionToken: sessionToken.trim() || undefined } }
        : {}),
    };
  }

  async function save(): Promise<boolean> {
    setError(null);
    setNotice(null);
    if (!prefixCheck.ok) {
      setError({ code: "ValidationFailed", message: prefixCheck.reason, action: "Correct the prefix.", field: "prefix" });
      return false;
    }
    const result = await callApi<SavedResponse>("/api/settings", "PUT", body());
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    setSaved(result.data.settings);
    setSummary(result.data.summary);
    setAccessKeyId("");
    setSecretAccessKey("");
    setSessionToken("");
    setTest(null);
    router.refresh();
    requestLiveRefresh();
    return true;
  }

  async function onSave(event: FormEvent) {
    event.preventDefault();
    setBusy("save");
    if (await save()) setNotice("Settings saved.");
    setBusy(null);
  }

  async function onTest() {
    setBusy("test");
    setTest(null);
    if (dirty && !(await save())) {
      setBusy(null);
      return;
    }
    setError(null);
    const result = await callApi<{ test: ConnectionTest; summary: ConnectionSummary }>("/api/connection/test", "POST", {});
    if (result.ok) {
      setTest(result.data.test);
      setSummary(result.data.summary);
      requestLiveRefresh();
    } else setError(result.error);
    setBusy(null);
  }

  const prefixInvalid = !prefixCheck.ok || Boolean(fieldError("prefix"));
  const endpointError = fieldError("endpoint");

  return (
    <div className="mt-8 grid gap-8 lg:grid-cols-[minmax(0,1fr)_320px]">
      <form onSubmit={onSave} className="space-y-8 self-start rounded-lg border border-border bg-surface p-6" noValidate aria-describedby={`${id}-status`}>
        <section className="grid gap-6 sm:grid-cols-2">
          <FormField
            id={`${id}-prefix`}
            label="Your prefix"
            error={!prefixCheck.ok && prefix !== "" ? prefixCheck.reason : fieldError("prefix")}
            help={
              <>
                Names start with it: <span className="font-mono text-fg">{prefixCheck.ok ? prefixCheck.prefix : "user3"}-CafeOrdersQueue</span>.
              </>
            }
          >
            <input
              id={`${id}-prefix`}
              name="prefix"
              value={prefix}
              onChange={(e) => setPrefix(e.target.value)}
              className={cx(inputClass, "font-mono")}
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              aria-invalid={prefixInvalid}
              aria-describedby={prefixInvalid ? `${id}-prefix-error` : `${id}-prefix-help`}
            />
          </FormField>
          <FormField id={`${id}-region`} label="Region" error={fieldError("region")} help="Where resources are created.">
            <select
              id={`${id}-region`}
              name="region"
              value={region}
              onChange={(e) => setRegion(e.target.value)}
              className={inputClass}
              aria-describedby={`${id}-region-help`}
            >
              {regions.some((r) => r.id === region) ? null : <option value={region}>{region}</option>}
              {regions.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.id} · {r.name}
                </option>
              ))}
            </select>
          </FormField>
        </section>

        <section className="space-y-5">
          <ChoiceCards name="mode" legend="Connection" options={MODES} value={mode} onChange={setMode} />

          {mode === "endpoint" ? (
            <FormField
              id={`${id}-endpoint`}
              label="Endpoint URL"
              error={endpointError}
              help={
                remoteEndpointsAllowed
                  ? "Scheme, host and port, for example http://127.0.0.1:4566."
                  : "Scheme, host and port on this machine, for example http://127.0.0.1:4566 (other hosts are off unless the operator allows them)."
              }
            >
              <input
                id={`${id}-endpoint`}
                name="endpoint"
                value={endpoint}
                onChange={(e) => setEndpoint(e.target.value)}
                className={cx(inputClass, "font-mono")}
                placeholder="http://127.0.0.1:4566"
                inputMode="url"
                spellCheck={false}
                aria-invalid={Boolean(endpointError)}
                aria-describedby={endpointError ? `${id}-endpoint-error` : `${id}-endpoint-help`}
              />
            </FormField>
          ) : null}

          {mode === "aws" ? (
            <div className="space-y-5 rounded-md border border-border bg-surface-2 p-4">
              <ChoiceCards name="source" legend="Credentials" options={SOURCES} value={source} onChange={setSource} />
              {source === "profile" ? (
                <FormField
                  id={`${id}-profile`}
                  label="Profile"
                  error={fieldError("profile")}
                  help={profiles.length ? `${profiles.length} found in your ~/.aws files.` : "No profiles found in ~/.aws; type a name."}
                >
                  {profiles.length ? (
                    <select id={`${id}-profile`} value={profile} onChange={(e) => setProfile(e.target.value)} className={inputClass} aria-describedby={`${id}-profile-help`}>
                      {profiles.map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input id={`${id}-profile`} value={profile} onChange={(e) => setProfile(e.target.value)} className={cx(inputClass, "font-mono")} aria-describedby={`${id}-profile-help`} />
                  )}
                </FormField>
              ) : null}
              {source === "keys" ? (
                <div className="space-y-4">
                  {saved.mode === "aws" && saved.source === "keys" && saved.hasKeys ? (
                    <p className="flex items-center gap-2 text-sm text-muted" data-testid="keys-held">
                      <StatusDot state="ready" /> Keys are held in the server&apos;s memory. Paste new ones to replace them.
                    </p>
                  ) : null}
                  <FormField id={`${id}-akid`} label="Access key ID" error={fieldError("keys.accessKeyId")}>
                    <input
                      id={`${id}-akid`}
                      value={accessKeyId}
                      onChange={(e) => setAccessKeyId(e.target.value)}
                      className={cx(inputClass, "font-mono")}
                      autoComplete="off"
                      spellCheck={false}
                      placeholder="ASIA…"
                    />
                  </FormField>
                  <FormField id={`${id}-secret`} label="Secret access key" error={fieldError("keys.secretAccessKey")}>
                    <input
                      id={`${id}-secret`}
                      type="password"
                      value={secretAccessKey}
                      onChange={(e) => setSecretAccessKey(e.target.value)}
                      className={cx(inputClass, "font-mono")}
                      autoComplete="off"
                    />
                  </FormField>
                  <FormField id={`${id}-token`} label="Session token (for temporary keys)" error={fieldError("keys.sessionToken")}>
                    <textarea
                      id={`${id}-token`}
                      value={sessionToken}
                      onChange={(e) => setSessionToken(e.target.value)}
                      className={cx(inputClass, "h-20 font-mono")}
                      autoComplete="off"
                      spellCheck={false}
                    />
                  </FormField>
                </div>
              ) : null}
            </div>
          ) : null}
        </section>

        {error && !error.field ? <ErrorNotice error={error} /> : null}

        <div className="flex flex-wrap items-center gap-3 border-t border-border pt-5">
          <Button type="submit" busy={busy === "save"} disabled={busy !== null}>
            Save settings
          </Button>
          <Button tone="secondary" onClick={onTest} busy={busy === "test"} disabled={busy !== null}>
            {dirty ? "Save and test connection" : "Test connection"}
          </Button>
          <span id={`${id}-status`} role="status" className="text-sm text-muted">
            {busy === "test" ? "Asking STS who you are…" : notice ?? (dirty ? "Unsaved changes." : "")}
          </span>
        </div>

        {test ? (
          test.ok ? (
            <div role="status" data-testid="connection-test-result" className="rounded-md border border-ok/40 bg-ok-soft px-3.5 py-3 text-sm">
              <p className="flex items-center gap-2 font-medium text-ok">
                <StatusDot state="ready" /> Connected in {test.elapsedMs} ms
              </p>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-fg">
                <dt className="text-muted">Account</dt>
                <dd className="font-mono" data-testid="identity-account">{test.account}</dd>
                <dt className="text-muted">ARN</dt>
                <dd className="font-mono break-all" data-testid="identity-arn">{test.arn}</dd>
              </dl>
            </div>
          ) : (
            <div data-testid="connection-test-result">
              <ErrorNotice error={test.error} title="The connection failed" />
            </div>
          )
        ) : null}
      </form>

      <aside className="space-y-6 text-sm">
        <section className="rounded-lg border border-border bg-surface p-5">
          <h2 className="font-semibold text-fg">Current connection</h2>
          <p className="mt-2 flex items-center gap-2 text-fg">
            <StatusDot state={summary.state} /> {summary.label}
          </p>
          <p className="mt-1 text-muted" data-testid="connection-detail">{summary.detail}</p>
          {summary.capabilities.clock ? <p className="mt-2 text-muted">Time can be fast-forwarded on this connection.</p> : null}
        </section>
        <section className="rounded-lg border border-border bg-surface p-5">
          <h2 className="font-semibold text-fg">The AWS CLI on the local cloud</h2>
          <p className="mt-2 text-muted">Any key works; the region is yours to pick.</p>
          <CodeBlock
            className="mt-3"
            label="AWS CLI against the local cloud"
            code={`export AWS_ACCESS_KEY_ID=test\nexport AWS_SECRET_ACCESS_KEY=test\naws --region ${region} \\\n  --endpoint-url \\\n  http://127.0.0.1:${localCloudPort} \\\n  sqs list-queues`}
          />
        </section>
        <section className="rounded-lg border border-border bg-surface p-5">
          <h2 className="font-semibold text-fg">Using real AWS</h2>
          <p className="mt-2 text-muted">
            Your user or role needs the workbook&apos;s least-privilege policy. It limits every action to names that start with
            your IAM user name and a hyphen; replace <span className="font-mono">{"${aws:username}"}</span> with your prefix if they differ.
          </p>
          <a href="/iam-policy.json" className="mt-3 inline-block font-medium text-accent underline underline-offset-2" download>
            Download iam-policy.json
          </a>
        </section>
      </aside>
    </div>
  );
}
