/**
 * Clean-up for one student or the whole class, as each lab's own clean-up step does it: first the
 * student's triggers in the workbook's runtime are stopped and deleted, then every lab resource
 * under the student's name that carries that lab's and student's tags; anything else is left and
 * listed. Labs the account listing shows nothing of are skipped without a call.
 */
import { awsClients } from "@/lib/aws/clients";
import { translateAwsError } from "@/lib/aws/errors";
import { cleanUpResources } from "@/lib/lab-framework/clean-up";
import { createLabContext } from "@/lib/lab-framework/context";
import { labRegistry } from "@/lib/lab-framework/runtime/lab-runtime";
import type { AnyLab } from "@/lib/lab-framework/types";
import { isListedKind, listAccount, LISTED_KINDS, type AccountListing } from "./account-listing";
import { mapBounded } from "./bounded";
import type { ClassRecord } from "./class-record";
import { studentSettings } from "./class-settings";
import type { CleanUpLine, StudentCleanUp } from "./inventory-view";

export const CLEAN_UP_CONCURRENCY = 4;

/** Whether the listing shows (or cannot rule out) any of the lab's resources for this student. */
function mayHaveResources(lab: AnyLab, username: string, listing: AccountListing): boolean {
  return Object.values(lab.resources).some((spec) => {
    if (!isListedKind(spec.kind)) return false;
    const names = listing.names[spec.kind];
    return !names || names.has(`${username}-${spec.name}`);
  });
}

export async function cleanUpStudent(record: ClassRecord, username: string, listing: AccountListing, labList: readonly AnyLab[], signal: AbortSignal): Promise<StudentCleanUp> {
  const settings = studentSettings(record, username);
  const registry = await labRegistry();
  const lines: CleanUpLine[] = [];
  for (const lab of labList) {
    const hasMappings = registry.list({ prefix: username, labId: lab.id }).length > 0;
    const hasResources = mayHaveResources(lab, username, listing);
    if (!hasMappings && !hasResources) continue;
    try {
      const context = await createLabContext(lab, settings, signal);
      if (hasMappings) {
        for (const mapping of await context.runtime.teardown()) {
          lines.push({ labId: lab.id, kind: "event-source-mapping", name: `trigger ${mapping.config.functionName} ← ${mapping.config.eventSourceArn.split(":").slice(5).join(":")}`, result: "deleted" });
        }
      }
      if (hasResources) {
        for (const entry of await cleanUpResources(context, lab.resources)) {
          if (entry.result === "not found" || entry.result === "skipped") continue;
          lines.push({ labId: lab.id, kind: entry.kind, name: entry.name, result: entry.result });
        }
      }
    } catch (error) {
      lines.push({ labId: lab.id, kind: "lab", name: lab.title, result: `failed: ${translateAwsError(error, { region: record.region }).message}` });
    }
  }
  // A name two labs share is deleted by the lab whose tags it carries; the other lab's "kept" is noise.
  const deleted = new Set(lines.filter((l) => l.result === "deleted").map((l) => `${l.kind}|${l.name}`));
  const kept = new Set<string>();
  const final = lines.filter((l) => {
    if (!l.result.startsWith("kept")) return true;
    const id = `${l.kind}|${l.name}`;
    if (deleted.has(id) || kept.has(id)) return false;
    kept.add(id);
    return true;
  });
  return {
    student: username,
    lines: final,
    deleted: final.filter((l) => l.result === "deleted").length,
    kept: final.filter((l) => l.result.startsWith("kept")).length,
    failed: final.filter((l) => l.result.startsWith("failed")).length,
  };
}

/** Clean-up across the labs given: the route passes every lab of the catalogue (a class may have used any). */
export async function cleanUpStudents(record: ClassRecord, students: string[], signal: AbortSignal, labList: readonly AnyLab[]): Promise<StudentCleanUp[]> {
  const listing = await listAccount(awsClients(record.connection, record.region), LISTED_KINDS, signal);
  return mapBounded(students, CLEAN_UP_CONCURRENCY, (username) => cleanUpStudent(record, username, listing, labList, signal), signal);
}
