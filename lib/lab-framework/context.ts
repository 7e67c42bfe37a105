/**
 * Builds the context a lab's server code runs with, from the request's settings: names derived
 * from the prefix, the lab's tags, and the SDK clients of the connection.
 */
import { awsClients } from "@/lib/aws/clients";
import { capabilitiesOf } from "@/lib/aws/capabilities";
import type { Settings } from "@/lib/aws/connection";
import { accountIdOf } from "@/lib/aws/identity";
import { resourceName } from "./define";
import { createLabRuntime } from "./runtime/context-runtime";
import type { LabContext, LabDefinition, LabTags, ResourceMap, ResourceNames, SnippetContext } from "./types";

export function labTags(labId: string, prefix: string): LabTags {
  return { Project: "ServerlessLab", Lab: labId, Student: prefix };
}

export function deriveNames<R extends ResourceMap>(resources: R, prefix: string): ResourceNames<R> {
  const names: Record<string, string> = {};
  for (const [key, spec] of Object.entries(resources)) names[key] = resourceName(prefix, spec.name);
  return names as ResourceNames<R>;
}

export function snippetContext<R extends ResourceMap>(lab: LabDefinition<R>, settings: Settings): SnippetContext<R> {
  return {
    labId: lab.id,
    prefix: settings.prefix,
    region: settings.region,
    names: deriveNames(lab.resources, settings.prefix),
    tags: labTags(lab.id, settings.prefix),
  };
}

export async function createLabContext<R extends ResourceMap>(lab: LabDefinition<R>, settings: Settings, signal: AbortSignal): Promise<LabContext<R>> {
  const aws = awsClients(settings.connection, settings.region);
  const capabilities = await capabilitiesOf(aws.connection);
  const snippet = snippetContext(lab, settings);
  return {
    ...snippet,
    aws,
    connection: { mode: settings.connection.mode, capabilities },
    accountId: () => accountIdOf(aws),
    tagList: () => Object.entries(snippet.tags).map(([Key, Value]) => ({ Key, Value })),
    signal,
    runtime: createLabRuntime(lab, settings, aws, snippet.names, signal),
  };
}

/** Adds `--endpoint-url` to every `aws` command when the connection is not real AWS. */
export function withEndpointFlag(cli: string, endpoint: string | null): string {
  if (!endpoint) return cli;
  return cli.replace(/(^|\$\(|\|\s*|&&\s*|;\s*)aws (?!--endpoint-url)/gm, `$1aws --endpoint-url ${endpoint} `);
}
