/**
 * The progress store of a connection: the connected account's DynamoDB table, or, when that
 * account or endpoint offers no DynamoDB (or the credentials may not create the table), this
 * server's memory with a notice saying why. While on memory it looks again every few minutes and
 * moves what it holds into the table once the table can be used.
 */
import type { AwsClients } from "@/lib/aws/clients";
import { translateAwsError } from "@/lib/aws/errors";
import { DynamoProgressStore, PROGRESS_TABLE } from "./dynamodb-store";
import { MemoryProgressStore } from "./memory-store";
import type { CheckOutcome, ProgressStore, StepRecord } from "./types";

const RETRY_DYNAMODB_AFTER_MS = 5 * 60 * 1000;

/** Failures that mean "no usable DynamoDB here", as opposed to a passing network problem. */
const FALL_BACK_ON = new Set(["unsupported", "access-denied", "limit-exceeded"]);

export class ConnectionProgressStore implements ProgressStore {
  private memory: MemoryProgressStore | null = null;
  private memorySince = 0;

  constructor(
    private readonly dynamo: DynamoProgressStore,
    private readonly retryAfterMs = RETRY_DYNAMODB_AFTER_MS,
  ) {}

  get kind(): ProgressStore["kind"] {
    return this.memory ? "memory" : "dynamodb";
  }

  get notice(): string | undefined {
    return this.memory?.notice;
  }

  private async backend(): Promise<ProgressStore> {
    if (this.memory && Date.now() - this.memorySince < this.retryAfterMs) return this.memory;
    try {
      await this.dynamo.ensureTable();
    } catch (error) {
      const friendly = translateAwsError(error, { subject: `the table ${PROGRESS_TABLE}` });
      if (!FALL_BACK_ON.has(friendly.family) && !this.memory) throw error;
      if (!this.memory) {
        this.memory = new MemoryProgressStore(
          `Progress is kept in this server's memory until it restarts, because the table ${PROGRESS_TABLE} cannot be used: ${friendly.message}`,
        );
      }
      this.memorySince = Date.now();
      return this.memory;
    }
    if (this.memory) {
      for (const record of await this.memory.all()) await this.dynamo.put(record);
      this.memory = null;
    }
    return this.dynamo;
  }

  async recordCheck(outcome: CheckOutcome): Promise<StepRecord> {
    return (await this.backend()).recordCheck(outcome);
  }

  async forStudent(student: string, labId?: string): Promise<StepRecord[]> {
    return (await this.backend()).forStudent(student, labId);
  }

  async all(labId?: string): Promise<StepRecord[]> {
    return (await this.backend()).all(labId);
  }

  async resetLab(student: string, labId: string): Promise<void> {
    return (await this.backend()).resetLab(student, labId);
  }
}

const STORES = Symbol.for("messaging-labs.progress-stores");

function stores(): Map<string, ConnectionProgressStore> {
  const holder = globalThis as typeof globalThis & { [STORES]?: Map<string, ConnectionProgressStore> };
  holder[STORES] ??= new Map();
  return holder[STORES];
}

/** The progress store of this connection and region (one per server process). */
export function progressStoreFor(clients: AwsClients): ProgressStore {
  const key = clients.connection.key;
  let store = stores().get(key);
  if (!store) {
    store = new ConnectionProgressStore(new DynamoProgressStore(clients.dynamodb, clients.documents));
    stores().set(key, store);
  }
  return store;
}
