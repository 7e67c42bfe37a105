/**
 * Step 5: a crash between the save and the delete. The message comes back and is skipped: one
 * effect from two deliveries.
 */
import { z } from "zod";
import { PlainFailure } from "@/lib/aws/errors";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import type { CheckResult } from "@/lib/lab-framework/types";
import { defaultConsumerVariables } from "../handlers/workbook-consumer";
import { plannedSend } from "../producer-messages";
import { VISIBILITY_TIMEOUT_SECONDS, type FifoContext } from "../provision";
import { CRASH_GROUP } from "../lab-settings";
import { CrashPanel } from "../panels/crash-panel";
import type { FifoResources } from "../resources";
import { readSavedMessages } from "../saved-messages";
import { newMessageId, sendPlanned } from "./producer";


export async function setCrashSwitch(context: FifoContext, on: boolean): Promise<void> {
  const current = await context.runtime.environment("consumer");
  await context.runtime.setEnvironment("consumer", { ...defaultConsumerVariables(context.names), ...current, CRASH_AFTER_SAVE: on ? "true" : "false" });
}

export async function checkCrashSkipped(context: FifoContext): Promise<CheckResult> {
  const { messages } = await readSavedMessages(context);
  const redelivered = messages.filter((m) => m.skippedRedeliveries > 0);
  if (redelivered.length === 0) {
    const crashOn = (await context.runtime.environment("consumer")).CRASH_AFTER_SAVE === "true";
    return {
      passed: false,
      reason: crashOn
        ? `No message has come back after a crash yet: send one, then wait out (or fast-forward) the ${VISIBILITY_TIMEOUT_SECONDS}-second visibility timeout.`
        : "Turn the crash switch on and send a message: it will be saved, then the consumer dies before deleting it.",
    };
  }
  const example = redelivered[0];
  return {
    passed: true,
    reason: `${example.messageId} was saved once, came back after the crash and was skipped (${example.skippedRedeliveries} redeliver${example.skippedRedeliveries === 1 ? "y" : "ies"} skipped): one effect from at-least-once delivery.`,
    details: redelivered.length > 1 ? [`${redelivered.length} messages were redelivered and skipped in all.`] : undefined,
  };
}

const crashParams = z.object({ on: z.boolean() }).strict();
const sendParams = z.object({}).strict();

export const crashStep = defineStep<FifoResources>({
  id: "crash",
  title: "Crash between save and delete",
  explanation: [
    "SQS delivers **at least once**. A consumer can do all its work and still die before the delete reaches SQS (a timeout, an out-of-memory kill, a network error on the delete). SQS never learns the message was handled, so when the visibility timeout ends it hands the message out again.",
    "Turn the crash switch on. It sets the consumer's environment variable `CRASH_AFTER_SAVE=true` (on Lambda: `update-function-configuration`), and from the next message on the consumer throws right after its save, before its delete. Then send one order event and follow it by its trace id:",
    `- delivery 1: received → saved (MessagesSaved + 1) → crash. The message stays in flight, its group waits.\n- ${VISIBILITY_TIMEOUT_SECONDS} s later, delivery 2 (receive count 2): the conditional write is refused because the item exists → skipped (DuplicateMessages + 1) → deleted (MessagesDeleted + 1).`,
    "The switch can stay on: a skipped message is never saved again, so it never reaches the crash. One save for two deliveries: **exactly-once effect from at-least-once delivery**. The item in the table records the skipped redelivery (`skipped_redeliveries`), so the table, the queue and the counters tell the same story.",
  ].join("\n\n"),
  actions: [
    defineAction<FifoResources, typeof crashParams>({
      id: "set-crash",
      label: "Set the crash switch",
      params: crashParams,
      panelOnly: true,
      checkAfter: false,
      async run(context, { on }) {
        await setCrashSwitch(context, on);
        return {
          message: on
            ? `CRASH_AFTER_SAVE=true: ${context.names.consumer} now dies after each save, before the delete.`
            : `CRASH_AFTER_SAVE=false: ${context.names.consumer} deletes what it saves again.`,
          data: { crashAfterSave: on },
        };
      },
    }),
    defineAction<FifoResources, typeof sendParams>({
      id: "send-one",
      label: "Send one order event",
      params: sendParams,
      panelOnly: true,
      checkAfter: false,
      async run(context) {
        if (!(await context.runtime.findMapping("consumer", "ordersQueue"))) {
          throw new PlainFailure("ConsumerNotStarted", "The consumer is not reading the queue, so nothing would crash.", "Start it in step 3, then send the order event.", "not-found");
        }
        const [sent] = await sendPlanned(context, [plannedSend({ group: CRASH_GROUP, event: "paid", dedup: "message-id" }, newMessageId)]);
        return { message: `Sent ${sent.messageId} to ${CRASH_GROUP}. Follow it in the log below.`, data: { messageId: sent.messageId, sqsMessageId: sent.sqsMessageId } };
      },
    }),
  ],
  panel: CrashPanel,
  check: checkCrashSkipped,
  cli: (c) =>
    [
      "# On Lambda the switch is an environment variable of the function:",
      `aws lambda update-function-configuration --function-name ${c.names.consumer} \\`,
      `  --environment 'Variables={TABLE_NAME=${c.names.processedTable},METRICS_NAMESPACE=MessagingLabs/FifoConsumer,CRASH_AFTER_SAVE=true}'`,
      "",
      "# The saved item, with the redelivery it skipped:",
      `aws dynamodb get-item --table-name ${c.names.processedTable} --consistent-read \\`,
      `  --key '{"message_id":{"S":"<message_id>"}}' --projection-expression "message_id, receive_count, skipped_redeliveries"`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { DynamoDBClient, UpdateItemCommand } from "@aws-sdk/client-dynamodb";',
      "",
      "// In the consumer, after a refused save: note the skipped delivery on the saved item.",
      "await dynamodb.send(new UpdateItemCommand({",
      `  TableName: "${c.names.processedTable}",`,
      "  Key: { message_id: { S: message.message_id } },",
      '  UpdateExpression: "ADD #field :one",',
      '  ConditionExpression: "attribute_exists(message_id)",',
      "  ExpressionAttributeNames: { \"#field\": redelivery ? \"skipped_redeliveries\" : \"skipped_duplicates\" },",
      '  ExpressionAttributeValues: { ":one": { N: "1" } },',
      "}));",
    ].join("\n"),
});
