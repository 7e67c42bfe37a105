import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense, type ReactNode } from "react";
import { LabWorkspace } from "@/components/lab/lab-workspace";
import { capabilitiesOf } from "@/lib/aws/capabilities";
import { resolveConnection } from "@/lib/aws/client-config";
import { currentSettings } from "@/lib/aws/current-settings";
import { snippetContext } from "@/lib/lab-framework/context";
import { labView } from "@/lib/lab-framework/view";
import { findLab, sharedNames } from "@/labs/registry";

interface Props {
  params: Promise<{ labId: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const lab = findLab((await params).labId);
  return { title: lab?.title ?? "Lab not found" };
}

function endpointOf(settings: Awaited<ReturnType<typeof currentSettings>>): string | null {
  try {
    return resolveConnection(settings.connection, settings.region).endpoint;
  } catch {
    return null;
  }
}

export default async function LabPage({ params }: Props) {
  const lab = findLab((await params).labId);
  if (!lab) notFound();
  const settings = await currentSettings();
  const endpoint = endpointOf(settings);
  const capabilities = await capabilitiesOf({ endpoint });
  const { names } = snippetContext(lab, settings);
  const panels: Record<string, ReactNode> = {};
  for (const step of lab.steps) {
    if (step.panel) {
      const Panel = step.panel;
      panels[step.id] = <Panel labId={lab.id} stepId={step.id} prefix={settings.prefix} region={settings.region} names={{ ...names }} />;
    }
  }
  const shared = sharedNames(lab.id);
  return (
    <main className="mx-auto max-w-[1440px] px-4 py-8 sm:px-6">
      <Suspense>
        <LabWorkspace lab={labView(lab, settings, endpoint)} panels={panels} canFastForward={capabilities.clock} endpoint={endpoint} />
      </Suspense>
      {shared.length ? (
        <p className="mt-10 border-t border-border pt-4 text-xs text-muted">
          Shares names with other labs:{" "}
          {shared.map((s, i) => (
            <span key={`${s.name}-${s.otherLab.id}`}>
              {i ? "; " : ""}
              <span className="font-mono">{s.name}</span> ({s.otherLab.title})
            </span>
          ))}
          . Clean one lab up before starting the other.
        </p>
      ) : null}
    </main>
  );
}
