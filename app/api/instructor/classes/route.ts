import { labs } from "@/labs/registry";
import { badRequest, json } from "@/lib/api/responses";
import { classConnection } from "@/lib/classroom/class-connection";
import { newClassInput } from "@/lib/classroom/class-input";
import { allLabChoices } from "@/lib/classroom/class-labs";
import { DEFAULT_STUCK } from "@/lib/classroom/class-record";
import { classroomMutation, instructorQuery } from "@/lib/classroom/classroom-routes";
import { classStore } from "@/lib/classroom/class-store";
import { classSummary } from "@/lib/classroom/dashboard-snapshot";

export const GET = instructorQuery(async () => {
  return json({ classes: classStore().list().map(classSummary), labs: allLabChoices(labs) });
});

/** Creates a class; from then on the server is in classroom mode and the class's connection serves its students. */
export const POST = classroomMutation({ body: newClassInput(labs), allowUrlAt: ["connection.endpoint"] }, async ({ body }) => {
  const connection = classConnection(body.connection);
  if (!connection.ok) return badRequest(connection.reason, connection.action, connection.field);
  const record = classStore().create({
    name: body.name,
    roster: body.roster,
    labIds: body.labIds ?? allLabChoices(labs).map((l) => l.id),
    connection: connection.connection,
    region: body.region,
    stuck: body.stuck ?? DEFAULT_STUCK,
    allowFastForward: body.allowFastForward ?? false,
  });
  return json({ class: classSummary(record) }, { status: 201 });
});
