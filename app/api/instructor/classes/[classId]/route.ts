import { z } from "zod";
import { badRequest, json } from "@/lib/api/responses";
import { classConnection, releaseClassKeys } from "@/lib/classroom/class-connection";
import { labs } from "@/labs/registry";
import { classChangeInput } from "@/lib/classroom/class-input";
import { isOpen } from "@/lib/classroom/class-record";
import { classroomMutation, instructorQuery } from "@/lib/classroom/classroom-routes";
import { classStore, type ClassChange } from "@/lib/classroom/class-store";
import { classSummary, forgetDashboard } from "@/lib/classroom/dashboard-snapshot";
import { classEnded, classNotFound } from "@/lib/classroom/responses";
import { stopVerify } from "@/lib/classroom/verify-jobs";

type Params = { classId: string };

export const GET = instructorQuery<Params>(async ({ params }) => {
  const record = classStore().get(params.classId);
  return record ? json({ class: classSummary(record) }) : classNotFound();
});

/** Changes the class: name, roster, labs, connection, region, the stuck rule, fast-forward. */
const classChange = classChangeInput(labs);

export const PATCH = classroomMutation<typeof classChange, Params>({ body: classChange, allowUrlAt: ["connection.endpoint"] }, async ({ body, params }) => {
  const store = classStore();
  const record = store.get(params.classId);
  if (!record) return classNotFound();
  if (!isOpen(record)) return classEnded();
  const { connection: connectionInput, ...rest } = body;
  const change: ClassChange = rest;
  if (connectionInput) {
    const connection = classConnection(connectionInput, record.connection);
    if (!connection.ok) return badRequest(connection.reason, connection.action, connection.field);
    releaseClassKeys(record.connection, connection.connection);
    change.connection = connection.connection;
  }
  const next = store.update(record.id, change);
  forgetDashboard(record.id);
  return json({ class: classSummary(next) });
});

/**
 * Ends the class (students' sessions stop, the server leaves classroom mode when no class is
 * open); its resources stay until cleaned up. `{ remove: true }` on an ended class forgets it and
 * any keys it held.
 */
export const DELETE = classroomMutation<z.ZodType<{ remove?: boolean }>, Params>(
  { body: z.object({ remove: z.boolean().optional() }).strict() },
  async ({ body, params }) => {
    const store = classStore();
    const record = store.get(params.classId);
    if (!record) return classNotFound();
    stopVerify(record.id);
    if (body.remove) {
      if (isOpen(record)) store.end(record.id);
      releaseClassKeys(record.connection);
      store.remove(record.id);
      return json({ removed: true });
    }
    const ended = store.end(record.id);
    forgetDashboard(record.id);
    return json({ class: classSummary(ended) });
  },
);
