/**
 * Progress kept in the connected account's DynamoDB table `messaging-labs-progress`, created on
 * first use (on-demand capacity, so an idle class costs nothing). Key: student (partition) and
 * `<labId>#<stepId>` (sort), so one student's progress in one lab is a single Query.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import {
  BatchWriteCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import type { CheckOutcome, ProgressStore, StepRecord } from "./types";

export const PROGRESS_TABLE = "messaging-labs-progress";
const TABLE_TAGS = [
  { Key: "Project", Value: "ServerlessLab" },
  { Key: "Component", Value: "progress" },
];

interface StoredRecord extends StepRecord {
  labStep: string;
}

function toRecord(item: Record<string, unknown>): StepRecord {
  const stored = item as unknown as StoredRecord;
  return {
    student: stored.student,
    labId: stored.labId,
    stepId: stored.stepId,
    status: stored.status === "passed" ? "passed" : "failed",
    completedAt: stored.completedAt,
    firstSeenAt: stored.firstSeenAt,
    lastCheckedAt: stored.lastCheckedAt,
    lastReason: stored.lastReason ?? "",
    failures: Number(stored.failures ?? 0),
  };
}

export interface DynamoProgressStoreOptions {
  tableName?: string;
  /** How long to wait for a new table to become ACTIVE. */
  activeTimeoutMs?: number;
  /** Pause between DescribeTable calls while waiting. */
  pollMs?: number;
}

export class DynamoProgressStore implements ProgressStore {
  readonly kind = "dynamodb" as const;
  readonly notice = undefined;
  readonly tableName: string;
  private ready: Promise<void> | null = null;

  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly documents: DynamoDBDocumentClient,
    private readonly options: DynamoProgressStoreOptions = {},
  ) {
    this.tableName = options.tableName ?? PROGRESS_TABLE;
  }

  /** Creates the table if it is missing and waits until it is ACTIVE. Safe to call many times. */
  ensureTable(): Promise<void> {
    this.ready ??= this.createIfMissing().catch((error) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private async createIfMissing(): Promise<void> {
    try {
      const { Table } = await this.dynamodb.send(new DescribeTableCommand({ TableName: this.tableName }));
      if (Table?.TableStatus === "ACTIVE") return;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException) && (error as { name?: string }).name !== "ResourceNotFoundException") throw error;
      try {
        await this.dynamodb.send(
          new CreateTableCommand({
            TableName: this.tableName,
            AttributeDefinitions: [
              { AttributeName: "student", AttributeType: "S" },
              { AttributeName: "labStep", AttributeType: "S" },
            ],
            KeySchema: [
              { AttributeName: "student", KeyType: "HASH" },
              { AttributeName: "labStep", KeyType: "RANGE" },
            ],
            BillingMode: "PAY_PER_REQUEST",
            Tags: TABLE_TAGS,
          }),
        );
      } catch (createError) {
        // Another request created it meanwhile.
        if ((createError as { name?: string }).name !== "ResourceInUseException") throw createError;
      }
    }
    await this.waitActive();
  }

  private async waitActive(): Promise<void> {
    const deadline = Date.now() + (this.options.activeTimeoutMs ?? 60_000);
    for (;;) {
      const { Table } = await this.dynamodb.send(new DescribeTableCommand({ TableName: this.tableName }));
      if (Table?.TableStatus === "ACTIVE") return;
      if (Date.now() > deadline) throw new Error(`The table ${this.tableName} did not become ACTIVE in time.`);
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 1000));
    }
  }

  async recordCheck(outcome: CheckOutcome): Promise<StepRecord> {
    await this.ensureTable();
    const at = outcome.at.toISOString();
    const sets = [
      "labId = :lab",
      "stepId = :step",
      "#status = :status",
      "lastCheckedAt = :at",
      "lastReason = :reason",
      "firstSeenAt = if_not_exists(firstSeenAt, :at)",
    ];
    if (outcome.passed) sets.push("completedAt = if_not_exists(completedAt, :at)");
    const { Attributes } = await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { student: outcome.student, labStep: `${outcome.labId}#${outcome.stepId}` },
        UpdateExpression: `SET ${sets.join(", ")} ADD failures :failed`,
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":lab": outcome.labId,
          ":step": outcome.stepId,
          ":status": outcome.passed ? "passed" : "failed",
          ":at": at,
          ":reason": outcome.reason.slice(0, 1000),
          ":failed": outcome.passed ? 0 : 1,
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    return toRecord(Attributes ?? {});
  }

  /** Writes a record as it is (moving progress kept in memory into the table). */
  async put(record: StepRecord): Promise<void> {
    await this.ensureTable();
    await this.documents.send(
      new PutCommand({ TableName: this.tableName, Item: { ...record, labStep: `${record.labId}#${record.stepId}` } }),
    );
  }

  async forStudent(student: string, labId?: string): Promise<StepRecord[]> {
    await this.ensureTable();
    const records: StepRecord[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: labId ? "student = :s AND begins_with(labStep, :lab)" : "student = :s",
          ExpressionAttributeValues: labId ? { ":s": student, ":lab": `${labId}#` } : { ":s": student },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) records.push(toRecord(item));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return records;
  }

  async all(labId?: string): Promise<StepRecord[]> {
    await this.ensureTable();
    const records: StepRecord[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new ScanCommand({
          TableName: this.tableName,
          ...(labId ? { FilterExpression: "labId = :lab", ExpressionAttributeValues: { ":lab": labId } } : {}),
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) records.push(toRecord(item));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return records;
  }

  async resetLab(student: string, labId: string): Promise<void> {
    const records = await this.forStudent(student, labId);
    for (let i = 0; i < records.length; i += 25) {
      const batch = records.slice(i, i + 25);
      let pending: BatchWriteCommandInput["RequestItems"] = {
        [this.tableName]: batch.map((r) => ({ DeleteRequest: { Key: { student, labStep: `${r.labId}#${r.stepId}` } } })),
      };
      for (let attempt = 0; pending && Object.keys(pending).length > 0 && attempt < 5; attempt++) {
        const result: BatchWriteCommandOutput = await this.documents.send(new BatchWriteCommand({ RequestItems: pending }));
        pending = result.UnprocessedItems;
        if (pending && Object.keys(pending).length > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }
}
