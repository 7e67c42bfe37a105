/**
 * The instructor's class form, validated: what creating or changing a class accepts. A class picks
 * its labs from the catalogue the route passes in (`labs` of labs/registry.ts).
 */
import { z } from "zod";
import type { AnyLab } from "@/lib/lab-framework/types";
import { regionSchema } from "@/lib/aws/regions";
import { connectionInputSchema } from "./class-connection";
import { stuckRuleSchema } from "./class-record";
import { knownLabIds } from "./class-labs";
import { parseRoster } from "./roster";

const rosterText = z
  .string()
  .max(20_000)
  .transform((text, ctx) => {
    const parsed = parseRoster(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.reason });
      return z.NEVER;
    }
    return parsed.roster;
  });

function labIdsOf(catalogue: readonly AnyLab[]) {
  return z
    .array(z.string().max(64))
    .min(1, "Pick at least one lab.")
    .max(50)
    .refine((ids) => ids.every((id) => knownLabIds(catalogue).has(id)), "One of the labs is not in the catalogue.");
}

export function newClassInput(catalogue: readonly AnyLab[]) {
  return z
    .object({
      name: z.string().trim().min(1, "Give the class a name.").max(80),
      roster: rosterText,
      labIds: labIdsOf(catalogue).optional(),
      connection: connectionInputSchema,
      region: regionSchema,
      stuck: stuckRuleSchema.optional(),
      allowFastForward: z.boolean().optional(),
    })
    .strict();
}

export function classChangeInput(catalogue: readonly AnyLab[]) {
  return z
    .object({
      name: z.string().trim().min(1).max(80).optional(),
      roster: rosterText.optional(),
      labIds: labIdsOf(catalogue).optional(),
      connection: connectionInputSchema.optional(),
      region: regionSchema.optional(),
      stuck: stuckRuleSchema.optional(),
      allowFastForward: z.boolean().optional(),
    })
    .strict();
}
