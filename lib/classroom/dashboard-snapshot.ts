/**
 * The dashboard's snapshot of one class: its summary, the students × labs grid from the progress
 * table of the class's connection, who is stuck, and the latest verify run.
 *
 * A class someone is watching is recomputed in the background about once a second, so a refresh
 * answers at once with a snapshot at most about a second old, instead of waiting behind a class of
 * students' requests for a scan of the progress table. The scan goes through SDK clients of the
 * dashboard's own (its own sockets): a hundred students polling their labs never queue it.
 */
import { awsClients, createAwsClients, type AwsClients } from "@/lib/aws/clients";
import type { AnyLab } from "@/lib/lab-framework/types";
import { resolveConnection } from "@/lib/aws/client-config";
import { translateAwsError } from "@/lib/aws/errors";
import { DynamoProgressStore } from "@/lib/progress/dynamodb-store";
import { progressStoreFor } from "@/lib/progress/progress-store";
import type { StepRecord } from "@/lib/progress/types";
import { connectionView } from "./class-connection";
import { labColumns } from "./class-labs";
import type { ClassRecord } from "./class-record";
import { classConnectionProblem } from "./class-settings";
import { classStore } from "./class-store";
import { buildStudentRows } from "./dashboard-builder";
import type { ClassSummaryView, DashboardSnapshot } from "./dashboard-view";
import { formatJoinCode } from "./join-code";
import { describeRoster, rosterUsernames } from "./roster";
import { verifyView } from "./verify-jobs";

/** A snapshot this fresh is served as it is. */
const FRESH_MS = 1000;
/** Recompute in the background while the class was asked for this recently. */
const WATCH_MS = 30_000;
/** Older than this, a refresh waits for a new snapshot rather than serve the old one. */
const STALE_MS = 10_000;

export function classSummary(record: ClassRecord): ClassSummaryView {
  const usernames = rosterUsernames(record.roster);
  return {
    id: record.id,
    name: record.name,
    joinCode: formatJoinCode(record.joinCode),
    roster: describeRoster(record.roster),
    rosterSize: usernames.length,
    region: record.region,
    connection: connectionView(record.connection),
    connectionProblem: classConnectionProblem(record) ?? undefined,
    createdAt: record.createdAt,
    endedAt: record.endedAt,
    stuck: record.stuck,
    allowFastForward: record.allowFastForward,
    labIds: record.labIds,
  };
}

const READERS = Symbol.for("messaging-labs.classroom-progress-readers");

/** The dashboard's own reader of a connection's progress table (its own SDK clients and sockets). */
function reader(clients: AwsClients, record: ClassRecord): DynamoProgressStore {
  const holder = globalThis as typeof globalThis & { [READERS]?: Map<string, DynamoProgressStore> };
  const readers = (holder[READERS] ??= new Map());
  let store = readers.get(clients.connection.key);
  if (!store) {
    const own = createAwsClients(resolveConnection(record.connection, record.region));
    store = new DynamoProgressStore(own.dynamodb, own.documents);
    readers.set(clients.connection.key, store);
  }
  return store;
}

/** Every progress record of the class's students, from the class connection's progress store. */
export async function classRecords(record: ClassRecord): Promise<{ records: StepRecord[]; notice?: string; error?: string }> {
  try {
    const clients = awsClients(record.connection, record.region);
    const shared = progressStoreFor(clients);
    // Progress kept in memory (no DynamoDB here) is only in the shared store.
    const all = shared.kind === "memory" ? await shared.all() : await reader(clients, record).all().catch(() => shared.all());
    const students = new Set(rosterUsernames(record.roster));
    const records = all.filter((r) => students.has(r.student) && record.labIds.includes(r.labId));
    return { records, notice: shared.notice };
  } catch (error) {
    return { records: [], error: translateAwsError(error, { region: record.region, subject: "the progress table" }).message };
  }
}

/** `catalogue`: the labs a class can pick (`labs` of labs/registry.ts, passed in by the route). */
export async function computeDashboard(record: ClassRecord, catalogue: readonly AnyLab[], now = Date.now()): Promise<DashboardSnapshot> {
  const store = classStore();
  const labs = labColumns(record, catalogue);
  const { records, notice, error } = await classRecords(record);
  const students = rosterUsernames(record.roster).map((username) => ({
    username,
    joinedAt: record.seats[username]?.joinedAt,
    lastSeenAt: store.seenAt(record.id, username),
  }));
  const rows = buildStudentRows(students, labs, records, record.stuck, now);
  const totalSteps = labs.reduce((sum, lab) => sum + lab.steps.length, 0);
  return {
    class: classSummary(record),
    labs,
    students: rows,
    totals: {
      students: rows.length,
      joined: rows.filter((r) => r.joined).length,
      stuck: rows.filter((r) => r.stuck).length,
      doneSteps: rows.reduce((sum, r) => sum + r.doneSteps, 0),
      totalSteps: totalSteps * rows.length,
    },
    verify: verifyView(record.id),
    progressNotice: notice,
    progressError: error,
  };
}

interface Watched {
  latest?: { snapshot: DashboardSnapshot; at: number };
  computing: Promise<DashboardSnapshot> | null;
  computingGeneration: number;
  askedAt: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Bumped by forgetDashboard: a snapshot computed before it is not served. */
  generation: number;
  /** The catalogue the latest request passed, for the background recomputations. */
  catalogue: readonly AnyLab[];
}

const WATCHED = Symbol.for("messaging-labs.classroom-dashboards");

function watched(classId: string): Watched {
  const holder = globalThis as typeof globalThis & { [WATCHED]?: Map<string, Watched> };
  const all = (holder[WATCHED] ??= new Map());
  let entry = all.get(classId);
  if (!entry) all.set(classId, (entry = { computing: null, computingGeneration: 0, askedAt: 0, timer: null, generation: 0, catalogue: [] }));
  return entry;
}

function recompute(classId: string, entry: Watched): Promise<DashboardSnapshot> {
  if (entry.computing) {
    // One started before an instructor's change would answer from before it: wait for it, then compute again.
    if (entry.computingGeneration === entry.generation) return entry.computing;
    return entry.computing.then(
      () => recompute(classId, entry),
      () => recompute(classId, entry),
    );
  }
  const record = classStore().get(classId);
  if (!record) return Promise.reject(new Error(`There is no class ${classId}.`));
  const generation = entry.generation;
  entry.computingGeneration = generation;
  const started = Date.now();
  entry.computing = computeDashboard(record, entry.catalogue, started)
    .then((snapshot) => {
      if (entry.generation === generation) entry.latest = { snapshot, at: Date.now() };
      return snapshot;
    })
    .finally(() => {
      entry.computing = null;
      schedule(classId, entry);
    });
  return entry.computing;
}

/** While someone watches the class, keep a snapshot about a second old at hand. */
function schedule(classId: string, entry: Watched): void {
  if (entry.timer || Date.now() - entry.askedAt > WATCH_MS) return;
  entry.timer = setTimeout(() => {
    entry.timer = null;
    if (Date.now() - entry.askedAt <= WATCH_MS) void recompute(classId, entry).catch(() => {});
  }, FRESH_MS);
  entry.timer.unref?.();
}

/** The class's snapshot; `catalogue`: the labs a class can pick (`labs` of labs/registry.ts). */
export async function dashboardSnapshot(record: ClassRecord, catalogue: readonly AnyLab[]): Promise<DashboardSnapshot> {
  const entry = watched(record.id);
  entry.askedAt = Date.now();
  entry.catalogue = catalogue;
  const age = entry.latest ? Date.now() - entry.latest.at : Infinity;
  if (age <= FRESH_MS + 500 || (age <= STALE_MS && entry.computing)) {
    schedule(record.id, entry);
    return entry.latest!.snapshot;
  }
  return recompute(record.id, entry);
}

/** After the instructor changed something (a seat released, a verify started): the next refresh computes afresh. */
export function forgetDashboard(classId: string): void {
  const entry = watched(classId);
  entry.generation++;
  entry.latest = undefined;
}
