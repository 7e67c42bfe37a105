/**
 * The idempotent FIFO consumer lab, clicked through as a new student would, on the local cloud:
 * the queues and the table; the producer's cases (SQS drops a repeated deduplication id, delivers a
 * new one); the consumer saving, skipping and logging; two orders with a broken event (one group
 * waits, the other runs, the broken message reaches the DLQ); a crash between save and delete
 * followed by its trace id; the counters against the table; clean-up. Time is fast-forwarded,
 * never waited for. A screenshot of each step is kept, the metrics step also in dark.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, keepScreenshot, prefixFor, saveSettings } from "./support/workbook";

const SLOW = { timeout: 30_000 };

async function nextStep(page: Page, stepId: string, title: string) {
  await page.getByTestId("next-step").click();
  await expect(page).toHaveURL(new RegExp(`step=${stepId}`));
  await expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
}

/** Runs the step's check until it passes (what it checks may take the consumer a moment). */
async function passes(page: Page) {
  const result = page.getByTestId("check-result");
  for (let attempt = 0; attempt < 20; attempt++) {
    if ((await result.count()) && (await result.getAttribute("data-passed")) === "true") return;
    await page.getByRole("button", { name: /Check again|Run the check/ }).click();
    await expect(result).toBeVisible(SLOW);
    if ((await result.getAttribute("data-passed")) === "true") return;
    await page.waitForTimeout(500);
  }
  await expect(result).toHaveAttribute("data-passed", "true");
}

test("the idempotent FIFO consumer lab, step by step", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const prefix = prefixFor(testInfo, "fifo");
  page.on("dialog", (dialog) => dialog.accept());
  await page.goto("/");
  await saveSettings(page, { prefix });
  await page.goto("/labs/fifo-idempotency");
  await expect(page.getByRole("heading", { name: "An idempotent SQS FIFO consumer", level: 1 })).toBeVisible();

  // 1 · Connect
  await page.getByRole("button", { name: "Ask AWS who I am" }).click();
  await expect(page.getByTestId("check-result")).toHaveAttribute("data-passed", "true", SLOW);
  await keepScreenshot(page, testInfo, "01-connect");

  // 2 · Queues and table
  await nextStep(page, "queue-and-table", "A FIFO queue and an idempotency table");
  await page.getByRole("button", { name: "Create the queues and the table" }).click();
  await expect(page.getByTestId("action-outcome")).toContainText(`Created ${prefix}-orders-dlq.fifo, ${prefix}-orders.fifo, ${prefix}-processed-messages.`, SLOW);
  await passes(page);
  await expect(page.getByTestId("live-ordersQueue")).toHaveAttribute("data-state", "ready");
  await keepScreenshot(page, testInfo, "02-queue-and-table");

  // 3 · The producer's cases
  await nextStep(page, "producer", "Send orders");
  const cases = page.getByTestId("producer-cases");
  const answer = page.getByTestId("send-results");
  await cases.getByRole("listitem").filter({ hasText: "The same message twice" }).getByRole("button", { name: "Send" }).click();
  await expect(answer.getByTestId("send-result")).toHaveCount(2);
  await expect(answer.getByTestId("send-result").nth(1)).toHaveAttribute("data-same", "true");
  await expect(answer).toContainText("dropped: same MessageId as above");
  const inspector = page.getByTestId("queue-inspector-ordersQueue");
  await expect(inspector.getByTestId("count-visible")).toHaveText("1", SLOW);
  await keepScreenshot(page, testInfo, "03-producer-same-twice");
  await cases.getByRole("listitem").filter({ hasText: "Same message_id, new deduplication id" }).getByRole("button", { name: "Send" }).click();
  await expect(answer.getByTestId("send-result").nth(1)).toHaveAttribute("data-same", "false");
  await expect(inspector.getByTestId("count-visible")).toHaveText("3", SLOW);
  await page.getByRole("radio", { name: /Content-based/ }).check();
  await cases.getByRole("listitem").filter({ hasText: "Two orders interleaved" }).getByRole("button", { name: "Send" }).click();
  await expect(answer.getByTestId("send-result")).toHaveCount(6);
  await expect(answer).toContainText("SHA-256 of the body");
  await page.getByLabel("Event", { exact: true }).selectOption("delivered");
  await page.getByRole("button", { name: "Send the order event" }).click();
  await expect(answer.getByTestId("send-result")).toHaveCount(1);
  await expect(inspector.getByTestId("count-visible")).toHaveText("10", SLOW);
  await passes(page);
  await keepScreenshot(page, testInfo, "03-producer");
  await expectNoSeriousA11yViolations(page);

  // 4 · The consumer: saves once, skips the second copy of one message_id
  await nextStep(page, "consumer", "The idempotent consumer");
  await page.getByRole("button", { name: "Start the consumer" }).click();
  await expect(page.getByTestId("action-outcome")).toContainText(`${prefix}-fifo-consumer now reads ${prefix}-orders.fifo`, SLOW);
  await expect(page.getByTestId("figure-saved")).toHaveText("9", SLOW);
  await expect(page.getByTestId("figure-duplicates")).toHaveText("1");
  await expect(page.getByTestId("table-items-processedTable").getByTestId("table-row")).toHaveCount(9, SLOW);
  await passes(page);
  const logs = page.getByTestId("live-logs").last();
  await expect(logs).toContainText("message_skipped", SLOW);
  await expect(logs).toContainText("a duplicate send");
  await keepScreenshot(page, testInfo, "04-consumer");
  await expectNoSeriousA11yViolations(page);

  // 5 · Order within a group, with a broken event
  await nextStep(page, "ordering", "Order within a group");
  await page.getByRole("button", { name: "Send the two orders" }).click();
  await expect(page.getByTestId("panel-outcome")).toContainText("Sent 7 messages");
  const first = page.getByTestId("lane-order-3001");
  const second = page.getByTestId("lane-order-3002");
  await expect(second.getByTestId("saved-order-3002").locator('[data-tone="saved"]')).toHaveCount(3, SLOW);
  await expect(first.getByTestId("saved-order-3001").locator('[data-tone="saved"]')).toHaveCount(1);
  await expect(first).toContainText("waiting on a failing message");
  await keepScreenshot(page, testInfo, "05-ordering-waiting");
  // Each try of the broken message: in flight, then back after the visibility timeout (skipped).
  const broken = first.getByTestId("waiting-order-3001").locator('[data-tone="broken"]');
  for (const receive of [1, 2, 3]) {
    await expect(broken).toContainText(`in flight · received ${receive}×`, SLOW);
    await first.getByTestId("countdown-skip").click();
  }
  await expect(first.getByTestId("dead-order-3001")).toContainText("broken JSON", SLOW);
  await expect(first.getByTestId("saved-order-3001").locator('[data-tone="saved"]')).toHaveCount(3, SLOW);
  await expect(first.getByTestId("sent-order-3001")).toContainText("placed");
  await expect(first).toContainText("saved in the order sent");
  await passes(page);
  await expect(page.getByTestId("check-result")).toContainText("saved in the order it was sent");
  await keepScreenshot(page, testInfo, "05-ordering");
  await expectNoSeriousA11yViolations(page);

  // 6 · A crash between save and delete
  await nextStep(page, "crash", "Crash between save and delete");
  const crashSwitch = page.getByTestId("crash-switch");
  await crashSwitch.click();
  await expect(crashSwitch).toHaveAttribute("aria-checked", "true", SLOW);
  await page.getByRole("button", { name: "Send one order event to order-5001" }).click();
  const message = page.getByTestId("crash-message");
  await expect(message).toContainText("saved once", SLOW);
  await expect(message).toContainText("in flight · received 1×", SLOW);
  await expect(message.getByTestId("live-logs")).toContainText("consumer_crash", SLOW);
  await expect(page.getByTestId("crash-MessagesDeleted")).toHaveText("+0");
  await keepScreenshot(page, testInfo, "06-crash-in-flight");
  await message.getByTestId("countdown-skip").click();
  await expect(message).toContainText("1 redelivery skipped", SLOW);
  await expect(message).toContainText("deleted from the queue");
  for (const counter of ["MessagesSaved", "DuplicateMessages", "MessagesDeleted"]) await expect(page.getByTestId(`crash-${counter}`)).toHaveText("+1");
  await expect(message.getByTestId("live-logs")).toContainText("a redelivery");
  await passes(page);
  await crashSwitch.click();
  await expect(crashSwitch).toHaveAttribute("aria-checked", "false", SLOW);
  await keepScreenshot(page, testInfo, "06-crash");
  await expectNoSeriousA11yViolations(page);

  // 7 · The counters against the table and the queues
  await nextStep(page, "metrics", "The counters in CloudWatch");
  await page.getByRole("button", { name: "Compare the counters with the table and the queues" }).click();
  await expect(page.getByTestId("panel-outcome")).toHaveText("Everything agrees.", SLOW);
  await expect(page.getByTestId("comparison-MessagesSaved")).toHaveAttribute("data-agrees", "true");
  await expect(page.getByTestId("comparison-MessagesSaved")).toContainText("16");
  await expect(page.getByTestId("comparison-InvalidMessages")).toContainText("1");
  await passes(page);
  await keepScreenshot(page, testInfo, "07-metrics");
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await keepScreenshot(page, testInfo, "07-metrics-dark");
  await page.goto("/labs/fifo-idempotency?step=ordering");
  await expect(page.getByTestId("lane-order-3001")).toBeVisible();
  await keepScreenshot(page, testInfo, "05-ordering-dark");
  await page.emulateMedia({ colorScheme: "light" });

  // 8 · Clean up
  await page.goto("/labs/fifo-idempotency?step=clean-up");
  await page.getByRole("button", { name: "Delete this lab's resources" }).click();
  await expect(page.getByTestId("action-outcome")).toContainText(`${prefix}-orders.fifo`, SLOW);
  await passes(page);
  await expect(page.getByTestId("lab-progress")).toHaveText("8 of 8 done");
  await keepScreenshot(page, testInfo, "08-clean-up");
});
