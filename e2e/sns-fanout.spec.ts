/**
 * The SNS fan-out lab, clicked through as a new student would, on the local cloud: every step's
 * action and check, the visibility-timeout example, the envelope and raw delivery, a malformed
 * order lost while errors are swallowed and dead-lettered once they fail the message, the
 * filtered fan-out with its prediction checked against what arrived, the metrics and clean-up.
 * Time is fast-forwarded, never waited for. A screenshot of each step is kept.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectCheckPassed, expectNoSeriousA11yViolations, fastForward, keepScreenshot, prefixFor, saveSettings } from "./support/workbook";

const SLOW = { timeout: 30_000 };

async function nextStep(page: Page, stepId: string, title: string) {
  await page.getByTestId("next-step").click();
  await expect(page).toHaveURL(new RegExp(`step=${stepId}`));
  await expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
}

async function checkAgain(page: Page) {
  await page.getByRole("button", { name: /Check again|Run the check/ }).click();
}

test("the SNS fan-out lab, step by step", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const prefix = prefixFor(testInfo, "sns");
  page.on("dialog", (dialog) => dialog.accept());
  await page.goto("/");
  await saveSettings(page, { prefix });
  // With ?step= the page stays on the step it was opened at (without it, it jumps to the first open one).
  await page.goto("/labs/sns-fanout?step=connect");
  await expect(page.getByRole("heading", { name: "SNS fan-out to SQS with a dead-letter queue", level: 1 })).toBeVisible();

  // 1 · Connect
  await page.getByRole("button", { name: "Ask AWS who I am" }).click();
  await expectCheckPassed(page);
  await keepScreenshot(page, testInfo, "01-connect");

  // 2 · The Orders table
  await nextStep(page, "orders-table", "The Orders table");
  await page.getByRole("button", { name: "Create the Orders table" }).click();
  await expectCheckPassed(page);
  await expect(page.getByTestId("check-result")).toContainText(`${prefix}-Orders is ACTIVE`);
  await keepScreenshot(page, testInfo, "02-orders-table");

  // 3 · The topic
  await nextStep(page, "topic", "The topic");
  await page.getByRole("button", { name: "Create the topic" }).click();
  await expectCheckPassed(page);
  await keepScreenshot(page, testInfo, "03-topic");

  // 4 · Queues, and the visibility timeout / redrive example
  await nextStep(page, "queues", "Queues, visibility timeout and the DLQ");
  await page.getByRole("button", { name: "Create OrderDLQ and OrderQueue" }).click();
  await expectCheckPassed(page);
  const practice = page.getByTestId("practice");
  await practice.getByTestId("send-practice").click();
  await expect(practice).toContainText("Sent a practice message");
  for (const receive of [1, 2, 3]) {
    await practice.getByTestId("receive-practice").click();
    await expect(practice.getByTestId("practice-hidden")).toContainText(`Receive ${receive} of 3`);
    const inspector = page.getByTestId("queue-inspector-orderQueue");
    await expect(inspector.getByTestId("queue-message").first()).toHaveAttribute("data-receive-count", String(receive), SLOW);
    if (receive === 1) await keepScreenshot(page, testInfo, "04-queues-in-flight");
    await practice.getByTestId("countdown-skip").click();
    await expect(practice.getByTestId("practice-hidden")).toContainText("Visible again", SLOW);
  }
  await practice.getByTestId("receive-practice").click();
  await expect(practice.getByTestId("practice-in-dlq")).toBeVisible();
  await expect(page.getByTestId("queue-inspector-orderDlq").getByTestId("queue-message")).toHaveCount(1, SLOW);
  await keepScreenshot(page, testInfo, "04-queues-redrive");
  await expectNoSeriousA11yViolations(page);
  await practice.getByTestId("delete-practice").click();
  await expect(practice).toContainText("Deleted 1 practice message");

  // 5 · Subscription, the envelope, raw delivery
  await nextStep(page, "subscription", "Subscribe the queue, read the envelope");
  await page.getByTestId("subscribe").click();
  await expect(page.getByLabel("OrderQueue's access policy", { exact: true })).toContainText('"aws:SourceArn"');
  await expectCheckPassed(page);
  await page.getByTestId("publish-sample").click();
  const envelope = page.getByTestId("envelope-fields");
  await expect(envelope.locator('[data-field="Type"]')).toContainText("Notification");
  await expect(envelope.locator('[data-field="Message"]')).toContainText('"orderId": "O1234"');
  await expect(envelope.getByTestId("message-as-string")).toContainText('"{\\"orderId\\":\\"O1234\\"');
  await expect(envelope.locator('[data-field="MessageAttributes"]')).toContainText("Number");
  await keepScreenshot(page, testInfo, "05-subscription-envelope");
  await page.getByTestId("raw-toggle").click();
  await expect(page.getByText("Raw message delivery is on")).toBeVisible();
  await page.getByTestId("publish-sample-raw").click();
  await expect(page.getByTestId("raw-delivery")).toContainText('"orderId": "O1234"', SLOW);
  await expect(page.getByTestId("sqs-attributes")).toContainText("Number");
  await expect(page.getByTestId("differences")).toBeVisible();
  await keepScreenshot(page, testInfo, "05-subscription-raw");
  await expectNoSeriousA11yViolations(page);

  // 6 · The processor: swallow, then fail
  await nextStep(page, "processor", "The order processor");
  await page.getByTestId("deploy-processor").click();
  await expect(page.getByTestId("processor-state")).toContainText("Running", SLOW);
  await expect(page.getByTestId("table-items-ordersTable").getByTestId("table-row").filter({ hasText: "O1234" })).toHaveCount(1, SLOW);
  await page.getByTestId("send-malformed").click();
  const lost = page.getByTestId("malformed-order").first();
  await expect(lost).toContainText("sent while swallowing");
  await expect(lost).toContainText("gone", SLOW);
  await page.getByTestId("mode-fail").click();
  await expect(page.getByText("now runs with ON_ERROR=fail")).toBeVisible();
  await page.getByTestId("malformed-kind").selectOption("not-json");
  await page.getByTestId("send-malformed").click();
  const retried = page.getByTestId("malformed-order").first();
  await expect(retried).toContainText("sent while failing");
  for (const receive of [1, 2, 3]) {
    await expect(retried).toContainText(`received ${receive} of 3 times`, SLOW);
    if (receive === 2) await keepScreenshot(page, testInfo, "06-processor-retrying");
    await retried.getByTestId("countdown-skip").click();
  }
  await expect(retried).toContainText("in OrderDLQ", SLOW);
  await checkAgain(page);
  await expectCheckPassed(page);
  await keepScreenshot(page, testInfo, "06-processor");
  await expectNoSeriousA11yViolations(page);

  // 7 · Fan-out with a filter policy
  await nextStep(page, "fan-out", "Fan out to more subscribers");
  await page.getByTestId("add-subscribers").click();
  await expect(page.getByText("· filtered")).toBeVisible(SLOW);
  await page.getByTestId("custom-quantity").fill("9");
  await expect(page.getByTestId("prediction").locator('[data-subscriber="highQuantityQueue"]')).toHaveAttribute("data-delivered", "false");
  await page.getByTestId("custom-quantity").fill("10");
  await expect(page.getByTestId("prediction").locator('[data-subscriber="highQuantityQueue"]')).toHaveAttribute("data-delivered", "true");
  for (const preset of ["laptop", "pens", "chairs", "mugs"]) {
    await page.getByTestId(`preset-${preset}`).click();
    await expect(page.getByTestId("published-order")).toHaveCount(["laptop", "pens", "chairs", "mugs"].indexOf(preset) + 1);
  }
  const cells = page.getByTestId("published-orders").locator("td[data-subscriber]");
  await expect(cells).toHaveCount(12);
  await expect(page.getByTestId("published-orders").locator('td[data-actual="unknown"]')).toHaveCount(0, SLOW);
  for (const cell of await cells.all()) {
    await expect(cell).toHaveAttribute("data-actual", (await cell.getAttribute("data-predicted")) ?? "", SLOW);
  }
  await expect(page.getByTestId("published-orders").locator('td[data-subscriber="highQuantityQueue"][data-actual="true"]')).toHaveCount(1);
  // The last preset (no attributes) never reached HighQuantityQueue, and the diagram says so.
  await expect(page.getByTestId("diagram-edge-to-large")).toHaveAttribute("data-label", "last order: filtered out");
  await expect(page.getByTestId("diagram-edge-to-analytics")).toHaveAttribute("data-active", "true");
  await checkAgain(page);
  await expectCheckPassed(page);
  await keepScreenshot(page, testInfo, "07-fan-out");
  await expectNoSeriousA11yViolations(page);

  // 8 · Metrics
  await nextStep(page, "metrics", "Watch the topic and the queues");
  await fastForward(61);
  await checkAgain(page);
  await expectCheckPassed(page);
  await expect(page.getByTestId("check-result")).toContainText("filtered out");
  await keepScreenshot(page, testInfo, "08-metrics");
  await page.emulateMedia({ colorScheme: "dark" });
  await keepScreenshot(page, testInfo, "08-metrics-dark");
  await page.goto(`/labs/sns-fanout?step=subscription`);
  await expect(page.getByTestId("subscription-panel")).toBeVisible();
  await keepScreenshot(page, testInfo, "05-subscription-dark");
  await page.goto(`/labs/sns-fanout?step=fan-out`);
  await expect(page.getByTestId("published-order")).toHaveCount(4);
  await keepScreenshot(page, testInfo, "07-fan-out-dark");
  await page.emulateMedia({ colorScheme: "light" });

  // 9 · Clean up
  await page.goto(`/labs/sns-fanout?step=clean-up`);
  await page.getByRole("button", { name: "Delete this lab's resources" }).click();
  await expect(page.getByTestId("action-outcome")).toContainText(`${prefix}-OrderTopic`, SLOW);
  await expectCheckPassed(page);
  await expect(page.getByTestId("lab-progress")).toHaveText("9 of 9 done");
  await keepScreenshot(page, testInfo, "09-clean-up");
});
