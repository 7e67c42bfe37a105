/**
 * The ownership guard: before an idempotent "ensure" step changes a resource that already exists,
 * it checks the resource's tags. Two labs share some names (`<prefix>-Orders`,
 * `<prefix>-order-processing-queue`), and a student may reuse a prefix: re-configuring another
 * lab's queue would quietly break that lab. So a resource that is not this lab's and this
 * student's is refused, with a sentence saying whose it is and what to do.
 */
import { PlainFailure } from "@/lib/aws/errors";
import { findCatalogueLab } from "./catalogue";
import { readResourceTags, taggedForLab, type Tags } from "./resource-tags";
import type { LabContext, ResourceKind } from "./types";

export type Ownership = "absent" | "ours";

async function labTitle(labId: string): Promise<string> {
  // From the catalogue the top floor provides: the labs import this module, it never imports them.
  const lab = await findCatalogueLab(labId);
  return lab ? `the "${lab.title}" lab` : `the lab ${labId}`;
}

/** The refusal for a resource whose tags are not this lab's and this student's. */
export async function ownershipRefusal(context: Pick<LabContext, "tags" | "prefix">, name: string, tags: Tags): Promise<PlainFailure> {
  if (tags.Project !== context.tags.Project || !tags.Lab || !tags.Student) {
    return new PlainFailure(
      "ResourceNotCreatedByWorkbook",
      `${name} already exists, but the workbook did not create it (it lacks the Project, Lab and Student tags).`,
      "Delete it yourself or choose another prefix in Settings; the workbook never changes what it did not create.",
      "already-exists",
    );
  }
  if (tags.Student !== context.tags.Student) {
    return new PlainFailure(
      "ResourceOwnedByAnotherStudent",
      `${name} already exists and belongs to the student ${tags.Student}, not ${context.tags.Student}.`,
      "Choose a prefix of your own in Settings, so your names never meet someone else's.",
      "already-exists",
    );
  }
  return new PlainFailure(
    "ResourceOwnedByAnotherLab",
    `${name} already exists and belongs to ${await labTitle(tags.Lab)}, which uses the same name.`,
    `Open that lab and run its clean-up step first, then run this step again.`,
    "already-exists",
  );
}

/**
 * Whether the resource exists and is this lab's and this student's: "absent" (create it) or
 * "ours" (safe to change). Throws the plain refusal when it exists and is someone else's; AWS
 * errors other than "not found" are thrown as they come.
 *
 *   if ((await checkOwnership(ctx, "sqs-queue", ctx.names.ordersQueue)) === "absent") { ...create... }
 */
export async function checkOwnership(context: LabContext, kind: ResourceKind, name: string): Promise<Ownership> {
  const reading = await readResourceTags(context, kind, name);
  if (!reading.exists) return "absent";
  if (reading.tags === null || taggedForLab(context, reading.tags)) return "ours";
  throw await ownershipRefusal(context, name, reading.tags);
}
