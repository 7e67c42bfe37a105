/**
 * The app's wiring of lib/runtime: one shared registry per server process, which runs every
 * student's event source mappings with the SDK clients of that student's connection, on the clock
 * of the cloud they talk to (the embedded local cloud's VirtualClock, a LocalCloudClock for an
 * endpoint that has a clock, real time on AWS), and invokes the handlers the labs declare.
 *
 * A function is `<prefix>-<name>` (its `function` resource); when the registry invokes it, the
 * handler is built for that student from the lab's factory, as Lambda builds a deployed function
 * from its configuration.
 */
import path from "node:path";
import type { Context } from "aws-lambda";
import { awsClients } from "@/lib/aws/clients";
import { capabilitiesOf } from "@/lib/aws/capabilities";
import type { ResolvedConnection } from "@/lib/aws/client-config";
import type { Settings } from "@/lib/aws/connection";
import { embeddedCloud } from "@/lib/localcloud/embedded";
import { LocalCloudClock, sharedRegistry, type AnyHandler, type MappingRegistry, type RuntimeClients, type RuntimeClock } from "@/lib/runtime";
import { labCatalogue } from "../catalogue";
import { resourceName } from "../define";
import type { AnyLab, HandlerEnvironment, ResourceNames } from "../types";
import { STUDENTS_FILE, StudentStore, type StudentOwner } from "./student-store";

interface Wiring {
  students: StudentStore;
  /** Labs whose handlers the registry may run, by id (the catalogue, plus any lab a context was made for). */
  labs: Map<string, AnyLab>;
  clocks: Map<string, LocalCloudClock>;
  catalogue: Promise<void> | null;
}

const SLOT = Symbol.for("messaging-labs.lab-runtime");

/** Where mappings and students are kept: beside the local cloud's state; memory only in tests. */
export function runtimeDataDir(): string | null {
  if (process.env.VITEST) return null;
  if (process.env.LOCALCLOUD_EPHEMERAL === "1" || process.env.LOCALCLOUD_EPHEMERAL === "true") return null;
  return path.join(path.resolve(process.env.LOCALCLOUD_DATA || ".localcloud"), "runtime");
}

function wiring(): Wiring {
  const holder = globalThis as typeof globalThis & { [SLOT]?: Wiring };
  if (!holder[SLOT]) {
    const dir = runtimeDataDir();
    holder[SLOT] = { students: new StudentStore(dir ? path.join(dir, STUDENTS_FILE) : null), labs: new Map(), clocks: new Map(), catalogue: null };
  }
  return holder[SLOT];
}

export function studentStore(): StudentStore {
  return wiring().students;
}

/** Makes a lab's handlers runnable (every lab a context is created for is registered). */
export function registerLab(lab: AnyLab): void {
  wiring().labs.set(lab.id, lab);
}

/** The catalogue's labs (../catalogue.ts: provided by the top floor, loaded lazily, never imported here). */
function loadCatalogue(w: Wiring): Promise<void> {
  w.catalogue ??= labCatalogue().then(
    (labs) => {
      for (const lab of labs) if (!w.labs.has(lab.id)) w.labs.set(lab.id, lab);
    },
    (error: unknown) => {
      w.catalogue = null;
      console.error(`[runtime] could not load the lab catalogue: ${(error as Error).message}`);
    },
  );
  return w.catalogue;
}

function namesFor(lab: AnyLab, prefix: string): ResourceNames<AnyLab["resources"]> {
  const names: Record<string, string> = {};
  for (const [key, spec] of Object.entries(lab.resources)) names[key] = resourceName(prefix, spec.name);
  return names;
}

async function clockFor(w: Wiring, connection: Omit<ResolvedConnection, "config">, embedded: boolean): Promise<RuntimeClock | undefined> {
  const own = embedded ? embeddedCloud() : undefined;
  if (own) return own.clock;
  if (!connection.endpoint) return undefined;
  const capabilities = await capabilitiesOf(connection);
  if (!capabilities.clock) return undefined;
  let clock = w.clocks.get(connection.endpoint);
  if (!clock) {
    clock = new LocalCloudClock(connection.endpoint);
    w.clocks.set(connection.endpoint, clock);
  }
  await clock.sync();
  return clock;
}

async function clientsFor(w: Wiring, owner: StudentOwner): Promise<RuntimeClients | null> {
  const student = w.students.get(owner);
  if (!student) return null;
  const aws = awsClients(student.connection, student.region);
  return {
    region: student.region,
    sqs: aws.sqs,
    sns: aws.sns,
    kinesis: aws.kinesis,
    dynamodbStreams: aws.dynamodbStreams,
    cloudwatch: aws.cloudwatch,
    clock: await clockFor(w, aws.connection, student.connection.mode === "embedded"),
  };
}

type PromiseHandler = (event: unknown, context: Context, callback?: (error: unknown, value?: unknown) => void) => unknown;

/** Calls a handler however it completes: by its promise, its return value or its callback. */
function callHandler(handler: PromiseHandler, event: unknown, context: Context): Promise<unknown> {
  if (handler.length < 3) return Promise.resolve(handler(event, context));
  return new Promise((resolve, reject) => {
    const returned = handler(event, context, (error, value) => (error ? reject(error) : resolve(value)));
    if (returned && typeof (returned as Promise<unknown>).then === "function") (returned as Promise<unknown>).then(resolve, reject);
  });
}

function resolveHandler(w: Wiring, labId: string, key: string): AnyHandler | undefined {
  const lab = w.labs.get(labId);
  const factory = lab?.handlers?.[key];
  const spec = lab?.resources[key];
  if (!lab || !factory || !spec) return undefined;
  const suffix = `-${spec.name}`;
  const handler = async (event: unknown, context: Context) => {
    if (!context.functionName.endsWith(suffix)) throw new Error(`${context.functionName} is not a ${spec.name} function.`);
    const owner = { prefix: context.functionName.slice(0, -suffix.length), labId };
    const student = w.students.get(owner);
    if (!student) throw new Error(`No connection is known for ${owner.prefix} in this lab; open the lab page once to reconnect.`);
    const environment: HandlerEnvironment = {
      labId,
      prefix: owner.prefix,
      region: student.region,
      names: namesFor(lab, owner.prefix),
      aws: awsClients(student.connection, student.region),
      variables: w.students.variables(owner, key),
    };
    return callHandler(factory(environment) as PromiseHandler, event, context);
  };
  return handler as AnyHandler;
}

/** The process's registry, started on first use (saved mappings resume with their students' connections). */
export async function labRegistry(): Promise<MappingRegistry> {
  const w = wiring();
  const dataDir = runtimeDataDir();
  // Saved mappings name handlers of any lab; load them all before the registry starts them.
  if (dataDir) await loadCatalogue(w);
  return sharedRegistry(() => ({
    dataDir,
    clients: (owner) => clientsFor(w, owner),
    handlers: (labId, key) => resolveHandler(w, labId, key),
  }));
}

/**
 * Notes the settings of a student's request; when their connection or region changed, their
 * running mappings restart with the new clients. Cheap when nothing changed.
 */
export async function rememberStudent(owner: StudentOwner, settings: Pick<Settings, "connection" | "region">): Promise<void> {
  const change = wiring().students.remember(owner, settings);
  if (change === "same") return;
  const registry = await labRegistry();
  if (registry.list(owner).length > 0) await registry.reconnect(owner);
}

/** Starts the registry with the server (instrumentation.ts), so saved mappings run before anyone opens a page. */
export async function startLabRuntime(): Promise<void> {
  try {
    await labRegistry();
  } catch (error) {
    console.error(`[runtime] could not start: ${(error as Error).message}`);
  }
}
