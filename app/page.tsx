import Link from "next/link";
import { LabCard } from "@/components/catalogue/lab-card";
import { ProgressNotice, ProgressProvider } from "@/components/catalogue/progress-provider";
import { summarizeConnection } from "@/lib/aws/connection-summary";
import { currentSettings } from "@/lib/aws/current-settings";
import { labSummaryView } from "@/lib/lab-framework/view";
import { labs } from "@/labs/registry";

export default async function CataloguePage() {
  const settings = await currentSettings();
  const summary = await summarizeConnection(settings);
  const totalMinutes = labs.reduce((sum, lab) => sum + lab.minutes, 0);
  return (
    <main className="mx-auto max-w-[1200px] px-4 py-10 sm:px-6">
      <div className="max-w-3xl">
        <h1 className="text-3xl font-semibold tracking-tight text-fg">Hands-on AWS messaging</h1>
        <p className="mt-3 text-base leading-relaxed text-muted">
          Five labs on queues, topics, streams and pipes. Each step creates real resources, checks them, and shows the AWS CLI
          command and SDK call that do the same. Everything runs through the connection in the top bar:{" "}
          {settings.connection.mode === "embedded" ? "the local cloud that starts with the workbook, so no AWS account is needed" : summary.label}.
        </p>
        <p className="mt-2 text-sm text-muted">
          {labs.length} labs · about {Math.round(totalMinutes / 60)} hours · your prefix{" "}
          <span className="font-mono text-fg">{settings.prefix}</span> ·{" "}
          <Link href="/settings" className="text-accent underline underline-offset-2">
            change settings
          </Link>
        </p>
      </div>
      {summary.state === "failed" ? (
        <p role="alert" className="mt-6 rounded-md border border-err/40 bg-err-soft px-3.5 py-2.5 text-sm">
          <span className="font-medium text-err">The connection is not working.</span> {summary.detail}{" "}
          <Link href="/settings" className="text-accent underline underline-offset-2">
            Open Settings
          </Link>
        </p>
      ) : null}
      <ProgressProvider>
        <div className="mt-8">
          <ProgressNotice />
        </div>
        <ul className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3" aria-label="Labs">
          {labs.map((lab, index) => (
            <li key={lab.id} className="flex">
              <LabCard lab={labSummaryView(lab, settings)} number={index + 1} />
            </li>
          ))}
        </ul>
      </ProgressProvider>
    </main>
  );
}
