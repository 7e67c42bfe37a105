/**
 * "Verify now": runs every check of one lab for every student of the class against the live
 * account, a few students at a time, and compares what passes with what the progress store
 * recorded. A check that passes without a record is a step done some other way (a resource made
 * by hand in the console); one recorded done that fails now was undone since. Some checks pass for
 * anyone (the connection check; clean-up when nothing was made): the run first checks a prefix
 * nobody uses, and steps passing there are not reported as "passes, never recorded". The run only
 * reads: checks that act on the account (a `checkNote` says what they do, such as sending a test
 * order through a student's API) are skipped, and it records nothing, so it never counts against
 * a student as a failed attempt.
 */
import { awsClients } from "@/lib/aws/clients";
import { translateAwsError } from "@/lib/aws/errors";
import { progressStoreFor } from "@/lib/progress/progress-store";
import type { StepRecord } from "@/lib/progress/types";
import { createLabContext } from "@/lib/lab-framework/context";
import type { AnyLab, CheckResult } from "@/lib/lab-framework/types";
import { mapBounded } from "./bounded";
import type { ClassRecord } from "./class-record";
import { studentSettings } from "./class-settings";
import type { VerifyStudentResult, VerifyView } from "./dashboard-view";
import { onRoster, rosterUsernames } from "./roster";

export const VERIFY_CONCURRENCY = Number(process.env.CLASSROOM_VERIFY_CONCURRENCY) || 4;
const CHECK_TIMEOUT_MS = 20_000;
const REASON_LENGTH = 300;

interface Job {
  view: VerifyView;
  controller: AbortController;
  settled: Promise<void>;
}

const SLOT = Symbol.for("messaging-labs.classroom-verify-jobs");

function jobs(): Map<string, Job> {
  const holder = globalThis as typeof globalThis & { [SLOT]?: Map<string, Job> };
  holder[SLOT] ??= new Map();
  return holder[SLOT];
}

export function verifyView(classId: string): VerifyView | null {
  return jobs().get(classId)?.view ?? null;
}

function timeout<T>(work: Promise<T>, ms: number, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`The check took longer than ${ms / 1000} s.`), { name: "TimeoutError" })), ms);
    const abort = () => reject(Object.assign(new Error("Verification was stopped."), { name: "AbortError" }));
    signal.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener("abort", abort);
    });
  });
}

/** A prefix no student has (and so no resource): what passes for it passes for anyone. */
export function baselinePrefix(record: ClassRecord): string {
  let prefix = "verify-baseline";
  for (let n = 2; onRoster(record.roster, prefix); n++) prefix = `verify-baseline${n}`;
  return prefix;
}

async function verifyStudent(
  lab: AnyLab,
  record: ClassRecord,
  username: string,
  recorded: StepRecord[],
  signal: AbortSignal,
  passesForAnyone: ReadonlySet<string> = new Set(),
): Promise<VerifyStudentResult> {
  const result: VerifyStudentResult = { steps: {}, passing: 0, passesUnrecorded: [], recordedButFailing: [] };
  const done = new Set(recorded.filter((r) => r.student === username && r.completedAt).map((r) => r.stepId));
  try {
    const checkSignal = AbortSignal.any([signal, AbortSignal.timeout(lab.steps.length * CHECK_TIMEOUT_MS)]);
    const context = await createLabContext(lab, studentSettings(record, username), checkSignal);
    for (const step of lab.steps) {
      if (signal.aborted) break;
      if (step.checkNote) {
        result.steps[step.id] = { passed: false, skipped: true, reason: "Not run: this check sends test orders, and Verify now only reads." };
        continue;
      }
      let outcome: CheckResult;
      try {
        outcome = await timeout(step.check(context), CHECK_TIMEOUT_MS, signal);
      } catch (error) {
        if ((error as Error).name === "AbortError" && signal.aborted) break;
        const friendly = translateAwsError(error, { region: record.region });
        outcome = { passed: false, reason: `${friendly.message} ${friendly.action}` };
      }
      result.steps[step.id] = { passed: outcome.passed, reason: outcome.reason.slice(0, REASON_LENGTH) };
      if (outcome.passed) result.passing++;
      if (outcome.passed && !done.has(step.id) && !passesForAnyone.has(step.id)) result.passesUnrecorded.push(step.id);
      if (!outcome.passed && done.has(step.id)) result.recordedButFailing.push(step.id);
    }
  } catch (error) {
    result.error = translateAwsError(error, { region: record.region }).message;
  }
  return result;
}

/** Starts a run (stopping one still going for the class) and returns at once; the dashboard shows its progress. */
export function startVerify(record: ClassRecord, lab: AnyLab, students = rosterUsernames(record.roster)): VerifyView {
  stopVerify(record.id);
  const controller = new AbortController();
  const view: VerifyView = {
    id: `${Date.now().toString(36)}`,
    labId: lab.id,
    labTitle: lab.title,
    startedAt: new Date().toISOString(),
    state: "running",
    total: students.length,
    done: 0,
    concurrency: VERIFY_CONCURRENCY,
    passesForAnyone: [],
    results: {},
  };
  const settled = (async () => {
    let recorded: StepRecord[] = [];
    try {
      recorded = await progressStoreFor(awsClients(record.connection, record.region)).all(lab.id);
    } catch {
      // Without records every passing check shows as unrecorded; the checks themselves still run.
    }
    const baseline = await verifyStudent(lab, record, baselinePrefix(record), [], controller.signal);
    const passesForAnyone = new Set(Object.entries(baseline.steps).filter(([, r]) => r.passed).map(([stepId]) => stepId));
    view.passesForAnyone = [...passesForAnyone];
    await mapBounded(
      students,
      VERIFY_CONCURRENCY,
      async (username) => {
        const result = await verifyStudent(lab, record, username, recorded, controller.signal, passesForAnyone);
        if (controller.signal.aborted) return;
        view.results = { ...view.results, [username]: result };
        view.done++;
      },
      controller.signal,
    );
  })()
    .catch((error: unknown) => console.error(`[classroom] verify ${lab.id} failed: ${(error as Error).message}`))
    .finally(() => {
      if (view.state === "running") view.state = "finished";
      view.finishedAt ??= new Date().toISOString();
    });
  jobs().set(record.id, { view, controller, settled });
  return view;
}

export function stopVerify(classId: string): boolean {
  const job = jobs().get(classId);
  if (!job || job.view.state !== "running") return false;
  job.view.state = "stopped";
  job.view.finishedAt = new Date().toISOString();
  job.controller.abort();
  return true;
}

/** Tests and the bench: wait for the class's run to end. */
export async function verifySettled(classId: string): Promise<void> {
  await jobs().get(classId)?.settled;
}
