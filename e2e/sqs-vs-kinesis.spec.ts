/**
 * The SQS versus Kinesis lab as a new student clicks through it on the local cloud: every step,
 * every check passing, visibility timeouts, batching windows and retry back-offs fast-forwarded
 * instead of waited out, a screenshot of each step (some in dark mode too).
 */
import { expect, test, type Page } from "@playwright/test";
import { checkUntilPassed, expectCheckPassed, expectNoSeriousA11yViolations, fastForward, keepScreenshot, prefixFor, saveSettings } from "./support/workbook";

async function openStep(page: Page, stepId: string) {
  await page.getByTestId(`step-link-${stepId}`).click();
  await expect(page).toHaveURL(new RegExp(`step=${stepId}`));
}

/**
 * Moves the cloud's clock a little at a time until the assertion holds: batching windows and
 * retry back-offs pass in a moment instead of in real seconds.
 */
async function pumpClockUntil(assertion: () => Promise<void>, seconds = 2) {
  await expect(async () => {
    await fastForward(seconds);
    await assertion();
  }).toPass({ timeout: 40_000, intervals: [250] });
}

test("a student compares SQS and Kinesis on the local cloud", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  page.on("dialog", (dialog) => void dialog.accept());
  const prefix = prefixFor(testInfo, "kin");
  await page.goto("/");
  await saveSettings(page, { prefix });
  await page.goto("/labs/sqs-vs-kinesis?step=prefix");
  await expect(page.getByRole("heading", { name: "SQS versus Kinesis Data Streams, side by side", level: 1 })).toBeVisible();

  await test.step("1 · The prefix and every name it gives", async () => {
    await expect(page.getByTestId("student-prefix")).toHaveText(prefix);
    await expect(page.getByTestId("name-orderQueue")).toContainText(`${prefix}-order-processing-queue`);
    await expect(page.getByTestId("name-streamProcessor")).toContainText(`${prefix}-stream-processor`);
    await page.getByTestId("check-names").click();
    await expect(page.getByTestId("action-outcome")).toContainText("every name is yours to use");
    await expect(page.getByTestId("name-analyticsStream")).toContainText("free");
    await checkUntilPassed(page, 4_000);
    await keepScreenshot(page, testInfo, "01-prefix", { dark: true });
    await expectNoSeriousA11yViolations(page);
  });

  await test.step("2 · The queues", async () => {
    await openStep(page, "queues");
    await page.getByRole("button", { name: "Create both queues" }).click();
    await expect(page.getByTestId("action-outcome")).toContainText(`Created ${prefix}-order-dlq and ${prefix}-order-processing-queue.`);
    await expectCheckPassed(page);
    await expect(page.getByTestId("live-orderQueue")).toHaveAttribute("data-state", "ready");
    await keepScreenshot(page, testInfo, "02-queues");
  });

  await test.step("3 · The stream: CREATING, then its two shards and their ranges", async () => {
    await openStep(page, "stream");
    await page.getByRole("button", { name: "Create the stream" }).click();
    await expect(page.getByTestId("action-outcome")).toContainText("it is CREATING");
    await expect(page.getByTestId("kinesis-shards-analyticsStream")).toHaveAttribute("data-status", "CREATING");
    await keepScreenshot(page, testInfo, "03-stream-creating");
    await fastForward(5);
    const shards = page.getByTestId("kinesis-shards-analyticsStream");
    await expect(shards).toHaveAttribute("data-status", "ACTIVE", { timeout: 15_000 });
    await expect(shards.getByTestId("shard-shardId-000000000001")).toContainText("50.0 % of the space");
    await shards.getByPlaceholder("USER-1A2B3C4D").fill("abc");
    await shards.getByRole("button", { name: "Hash it" }).click();
    await expect(shards.getByTestId("probe-result")).toContainText("900150983cd24fb0d6963f7d28e17f72");
    await expect(shards.getByTestId("probe-result")).toContainText("shardId-000000000001");
    await checkUntilPassed(page, 4_000);
    await keepScreenshot(page, testInfo, "03-stream");
  });

  await test.step("4 · Orders into the queue, the first one failing", async () => {
    await openStep(page, "sqs-producer");
    const orderForm = page.getByTestId("send-orders-form");
    await orderForm.getByLabel("batchSize").fill("5");
    await orderForm.getByRole("checkbox").check();
    await orderForm.getByRole("button", { name: "Send orders" }).click();
    await expect(page.getByTestId("action-outcome")).toContainText("Sent 5 messages to SQS. 2 high priority; the first is marked to fail.");
    await expect(page.getByTestId("sent-orders").locator("tbody tr")).toHaveCount(5);
    await expect(page.getByTestId("sent-orders")).toContainText("will fail");
    await expect(page.getByTestId("figure-orderQueue-visible")).toContainText("5");
    await checkUntilPassed(page, 4_000);
    await keepScreenshot(page, testInfo, "04-sqs-producer");
  });

  await test.step("5 · The queue processor: batch item failures, three receives, the DLQ", async () => {
    await openStep(page, "queue-processor");
    await page.getByRole("button", { name: "Turn on the SQS trigger" }).click();
    await expect(page.getByTestId("action-connect-processor").getByTestId("action-outcome")).toContainText("reports batch item failures");
    await expect(page.getByTestId("trigger-status")).toHaveAttribute("data-running", "true");
    const batch = page.getByTestId("sqs-batch").first();
    await expect(batch).toHaveAttribute("data-failed", "1", { timeout: 20_000 });
    const retry = page.getByTestId("sqs-retry").first();
    await expect(retry).toContainText("failed on receive 1 of 3");
    await keepScreenshot(page, testInfo, "05-queue-processor-retry", { dark: true });
    for (const receive of ["2", "3"]) {
      await retry.getByTestId("countdown-skip").click();
      // The trigger receives it again, then waits out its 5 s batching window for more messages.
      await pumpClockUntil(() => expect(retry).toContainText(`failed on receive ${receive} of 3`, { timeout: 1_000 }));
    }
    await expect(retry).toContainText("Its next receive moves it to the DLQ.");
    await retry.getByTestId("countdown-skip").click();
    await expect(page.getByTestId("figure-orderDlq-visible")).toContainText("1", { timeout: 20_000 });
    await expect(retry).toHaveAttribute("data-parked", "true");
    await expect(retry).toContainText(`SQS moved it to ${prefix}-order-dlq`);
    await checkUntilPassed(page, 4_000);
    await expect(page.getByTestId("check-result")).toContainText("no good order was processed twice");
    await keepScreenshot(page, testInfo, "05-queue-processor");
  });

  await test.step("6 · Events onto the stream, and why each went where it went", async () => {
    await openStep(page, "kinesis-producer");
    const eventForm = page.getByTestId("put-events-form");
    await eventForm.getByLabel("eventCount").fill("12");
    await eventForm.getByRole("button", { name: "Put events" }).click();
    await expect(page.getByTestId("action-outcome")).toContainText("Put 12 records on Kinesis.");
    await expect(page.getByTestId("put-record")).toHaveCount(12);
    await expect(page.getByTestId("kinesis-shards-analyticsStream").getByTestId("stream-record")).not.toHaveCount(0);
    await checkUntilPassed(page, 4_000);
    await keepScreenshot(page, testInfo, "06-kinesis-producer");
  });

  await test.step("7 · The stream processor: analytics, then a bad record holding its shard", async () => {
    await openStep(page, "stream-processor");
    await page.getByRole("button", { name: "Turn on the Kinesis trigger" }).click();
    await expect(page.getByTestId("action-connect-processor").getByTestId("action-outcome")).toContainText("LATEST");
    await page.getByRole("button", { name: "Put 30 events, 10 of each type" }).click();
    await expect(page.getByTestId("action-put-mixed-events").getByTestId("action-outcome")).toContainText("Put 30 events");
    await pumpClockUntil(() => expect(page.getByTestId("analytics")).toHaveAttribute("data-records", "30", { timeout: 1_000 }));
    await page.getByRole("button", { name: "Put a record that is not JSON, then 10 good ones" }).click();
    await expect(page.getByTestId("action-put-bad-record").getByTestId("action-outcome")).toContainText("wait behind it");
    await fastForward(6);
    await expect(page.locator('[data-testid^="shard-timeline-"][data-waiting="true"]')).toHaveCount(1, { timeout: 20_000 });
    await keepScreenshot(page, testInfo, "07-stream-processor-waiting");
    await pumpClockUntil(() => expect(page.getByTestId("stream-skip")).toHaveCount(1, { timeout: 1_000 }), 3);
    await checkUntilPassed(page, 4_000);
    await keepScreenshot(page, testInfo, "07-stream-processor", { dark: true });
    await expectNoSeriousA11yViolations(page);
  });

  await test.step("8 · The dashboard, drawn from its own body", async () => {
    await openStep(page, "dashboard");
    await page.getByRole("button", { name: "Create the dashboard" }).click();
    await expectCheckPassed(page);
    await fastForward(61);
    const dashboard = page.getByTestId("dashboard-dashboard");
    await expect(dashboard).toHaveAttribute("data-status", "READY", { timeout: 15_000 });
    await expect(dashboard.getByTestId("dashboard-widget")).toHaveCount(3);
    await expect(dashboard.getByTestId("series-m1").first()).not.toHaveAttribute("data-latest", "", { timeout: 20_000 });
    await keepScreenshot(page, testInfo, "08-dashboard");
  });

  await test.step("9 · The comparison, measured", async () => {
    await openStep(page, "compare");
    await page.getByTestId("run-comparison").click();
    await expect(page.getByTestId("action-outcome")).toContainText("Sent 50 orders and put 50 events");
    await fastForward(6);
    await expect(page.getByTestId("comparison")).toHaveAttribute("data-done", "true", { timeout: 40_000 });
    await expect(page.getByTestId("measured-comparison")).toContainText("50 of 50 orders");
    await expect(page.getByTestId("measured-comparison")).toContainText("in order for each of");
    await checkUntilPassed(page, 4_000);
    await keepScreenshot(page, testInfo, "09-compare", { dark: true });
    await expectNoSeriousA11yViolations(page);
  });

  await test.step("10 · Clean up", async () => {
    await openStep(page, "clean-up");
    await page.getByRole("button", { name: "Delete this lab's resources" }).click();
    await expect(page.getByTestId("action-outcome")).toContainText(`trigger ${prefix}-queue-processor`);
    await expect(page.getByTestId("action-outcome")).toContainText(`${prefix}-analytics-stream`);
    await fastForward(5);
    await checkUntilPassed(page, 4_000);
    await expect(page.getByTestId("lab-progress")).toHaveText("10 of 10 done");
    await keepScreenshot(page, testInfo, "10-clean-up");
  });
});
