/**
 * The Cafe SQS lab as a new student clicks through it on the local cloud: every step, every check
 * passing, the visibility timeouts fast-forwarded instead of waited out, a screenshot of each step
 * (a few in dark mode too).
 */
import { expect, test, type Page } from "@playwright/test";
import { checkUntilPassed, expectCheckPassed, expectNoSeriousA11yViolations, keepScreenshot, prefixFor, saveSettings } from "./support/workbook";

test.describe.configure({ mode: "serial" });

async function openStep(page: Page, stepId: string) {
  await page.getByTestId(`step-link-${stepId}`).click();
  await expect(page).toHaveURL(new RegExp(`step=${stepId}`));
}

test("a student works through the Cafe SQS lab on the local cloud", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  page.on("dialog", (dialog) => void dialog.accept());
  const prefix = prefixFor(testInfo, "cafe");
  await page.goto("/");
  await saveSettings(page, { prefix });
  await page.goto("/labs/cafe-sqs?step=connect");
  await expect(page.getByRole("heading", { name: "Cafe orders through an SQS queue", level: 1 })).toBeVisible();

  // 1 · Check your connection
  await page.getByRole("button", { name: "Ask AWS who I am", exact: true }).click();
  await expectCheckPassed(page);
  await keepScreenshot(page, testInfo, "01-connect");

  // 2 · Why a queue
  await openStep(page, "why-a-queue");
  await page.getByRole("radio", { name: "Database down" }).click();
  await expect(page.getByTestId("design-synchronous")).toContainText("500 Internal Server Error");
  await expect(page.getByTestId("design-asynchronous")).toContainText("202 after");
  await expect(page.getByTestId("live-diagram")).toBeVisible();
  await checkUntilPassed(page, 5_000);
  await keepScreenshot(page, testInfo, "02-why-a-queue");

  // 3 · Create the queue
  await openStep(page, "create-queue");
  await expect(page.getByTestId("queue-settings")).toContainText("VisibilityTimeout");
  await page.getByRole("button", { name: "Create the queue", exact: true }).click();
  await expect(page.getByTestId("action-outcome")).toContainText(`Created ${prefix}-CafeOrdersQueue.`);
  await expectCheckPassed(page);
  await expect(page.getByTestId("live-ordersQueue")).toHaveAttribute("data-state", "ready");
  await keepScreenshot(page, testInfo, "03-create-queue");

  // 4 · The order API: from the menu, then a raw request that breaks a rule
  await openStep(page, "order-api");
  const form = page.getByTestId("order-form");
  await form.getByText("Cappuccino", { exact: true }).click();
  await form.getByLabel("Your name").fill("Charlie");
  await form.getByLabel("Quantity").fill("2");
  await form.getByTestId("place-order").click();
  await expect(page.getByTestId("api-response")).toHaveAttribute("data-status", "202");
  await expect(page.getByTestId("api-response")).toContainText("Order accepted");
  await form.getByRole("tab", { name: "Raw request" }).click();
  await form.getByRole("button", { name: "Missing item", exact: true }).click();
  await form.getByTestId("send-raw").click();
  await expect(page.getByTestId("api-response")).toHaveAttribute("data-status", "400");
  await expect(page.getByTestId("api-response")).toContainText("Missing required field: item");
  await page.getByText("The event API Gateway handed the function").click();
  await checkUntilPassed(page, 5_000);
  await keepScreenshot(page, testInfo, "04-order-api", { dark: true });
  await expectNoSeriousA11yViolations(page);

  // 5 · See the message wait
  await openStep(page, "message-waits");
  const queue = page.getByTestId("queue-inspector-ordersQueue");
  await expect(queue.getByTestId("count-visible")).toHaveText("2");
  await expect(queue.getByTestId("queue-message").first()).toHaveAttribute("data-receive-count", "0");
  await expect(queue).toContainText('"customer_name": "Charlie"');
  await checkUntilPassed(page, 5_000);
  await keepScreenshot(page, testInfo, "05-message-waits");

  // 6 · The worker
  await openStep(page, "worker");
  await page.getByRole("button", { name: "Create the tables", exact: true }).click();
  await expect(page.getByTestId("action-create-tables").getByTestId("action-outcome")).toContainText("the menu is seeded with prices");
  await page.getByRole("button", { name: "Enable the trigger", exact: true }).click();
  await expectCheckPassed(page);
  await expect(page.getByTestId("check-result")).toContainText("counted 2 more teas");
  await expect(page.getByTestId("table-items-ordersTable").getByTestId("table-row")).toHaveCount(3);
  await expect(page.getByTestId("trigger-status")).toHaveAttribute("data-state", "Enabled");
  await keepScreenshot(page, testInfo, "06-worker");

  // 7 · Two consumers compete
  await openStep(page, "compete");
  const competeQueue = page.getByTestId("queue-inspector-ordersQueue");
  await page.getByTestId("run-send-orders").click();
  await expect(page.getByTestId("outcome-send-orders")).toContainText("Sent 3 orders");
  await expect(competeQueue.getByTestId("count-visible")).toHaveText("0");
  await competeQueue.getByTestId("poll-queue").click();
  await expect(competeQueue.getByTestId("poll-result")).toHaveAttribute("data-count", "0");
  await page.getByTestId("run-disable-trigger").click();
  await expect(page.getByTestId("trigger-status")).toHaveAttribute("data-state", "Disabled");
  // The trigger's last long polls: fast-forward past them instead of waiting 20 s.
  await expect(page.getByTestId("run-send-orders")).toBeDisabled();
  await page.getByTestId("last-polls").getByTestId("countdown-skip").click();
  await expect(page.getByTestId("last-polls")).toHaveCount(0);
  await page.getByTestId("run-send-orders").click();
  await expect(competeQueue.getByTestId("count-visible")).toHaveText("3");
  await expect(competeQueue.locator('[data-testid="queue-message"][data-receive-count="0"]')).toHaveCount(3);
  await keepScreenshot(page, testInfo, "07-compete-trigger-off");
  await page.getByTestId("run-enable-trigger").click();
  await expect(competeQueue.getByTestId("count-visible")).toHaveText("0");
  await checkUntilPassed(page, 5_000);
  await keepScreenshot(page, testInfo, "07-compete");

  // 8 · Forced failure: retries, the DLQ, the redrive
  await openStep(page, "forced-failure");
  const mainQueue = page.getByTestId("queue-inspector-ordersQueue");
  const dlq = page.getByTestId("queue-inspector-ordersDlq");
  await page.getByTestId("run-break-worker").click();
  await expect(page.getByTestId("failure-step-1")).toHaveAttribute("data-done", "true");
  await page.getByTestId("run-send-poison-order").click();
  const poison = mainQueue.getByTestId("queue-message");
  await expect(poison).toHaveAttribute("data-state", "inFlight");
  await expect(poison).toHaveAttribute("data-receive-count", "1");
  await expect(poison.getByTestId("countdown")).toBeVisible();
  await keepScreenshot(page, testInfo, "08-failure-in-flight", { dark: true });
  await page.getByTestId("run-add-dlq").click();
  await expect(page.getByTestId("failure-step-4")).toHaveAttribute("data-done", "true");
  for (const receives of ["2", "3"]) {
    await poison.getByTestId("countdown-skip").click();
    await expect(poison).toHaveAttribute("data-receive-count", receives);
    await expect(poison).toHaveAttribute("data-state", "inFlight");
  }
  await poison.getByTestId("countdown-skip").click();
  await expect(dlq.getByTestId("count-visible")).toHaveText("1");
  await expect(mainQueue.getByTestId("count-in-flight")).toHaveText("0");
  await expect(page.getByTestId("live-logs").locator('[data-kind="forced_failure"]')).toHaveCount(3);
  await page.getByTestId("live-diagram").screenshot({ path: testInfo.outputPath("08-diagram.png") });
  // Fewer log lines make the scan quicker; the countdown, the inspectors and the checklist are what it is for.
  await page.getByTestId("live-logs").getByRole("button", { name: "Clear", exact: true }).click();
  await expectNoSeriousA11yViolations(page);
  await page.getByTestId("run-fix-worker").click();
  await page.getByTestId("run-redrive").click();
  await expect(dlq.getByTestId("count-visible")).toHaveText("0");
  await checkUntilPassed(page, 5_000);
  await keepScreenshot(page, testInfo, "08-forced-failure");

  // 9 · Metrics
  await openStep(page, "metrics");
  await page.getByTestId("run-publish-worker-metrics").click();
  await page.getByTestId("next-minute").click();
  await expect(page.getByTestId("graph-queue-traffic")).not.toHaveAttribute("data-points", "0");
  await checkUntilPassed(page, 5_000);
  await expect(page.getByTestId("graph-worker-health").getByTestId("series-errors")).not.toHaveAttribute("data-latest", "");
  await keepScreenshot(page, testInfo, "09-metrics");

  // 10 · Load
  await openStep(page, "load");
  await page.getByTestId("send-load").click();
  await expect(page.getByTestId("load-test")).toHaveAttribute("data-accepted", "100", { timeout: 60_000 });
  await expect(page.getByTestId("load-test")).toHaveAttribute("data-stored", "100", { timeout: 60_000 });
  await checkUntilPassed(page, 5_000);
  await keepScreenshot(page, testInfo, "10-load");

  // 11 · Common mistakes: the trigger on the wrong function, then everything back
  await openStep(page, "common-mistakes");
  await page.getByTestId("run-wire-api-as-consumer").click();
  await expect(page.getByTestId("outcome-wire-api-as-consumer")).toBeVisible();
  await page.getByTestId("last-polls").getByTestId("countdown-skip").click();
  await page.getByRole("button", { name: "Send 2 orders", exact: true }).click();
  await expect(page.getByTestId("live-logs").getByText("The request has no body").first()).toBeVisible();
  await page.getByTestId("run-restore-all").click();
  await checkUntilPassed(page, 5_000);
  await keepScreenshot(page, testInfo, "11-common-mistakes");

  // 12 · Clean up
  await openStep(page, "clean-up");
  await page.getByRole("button", { name: "Delete this lab's resources", exact: true }).click();
  await expect(page.getByTestId("action-outcome")).toContainText(`trigger ${prefix}-CafeOrderWorker ← ${prefix}-CafeOrdersQueue`);
  await expect(page.getByTestId("action-outcome")).toContainText(`${prefix}-CafeMenu`);
  await expectCheckPassed(page);
  await expect(page.getByTestId("lab-progress")).toHaveText("12 of 12 done");
  await keepScreenshot(page, testInfo, "12-clean-up");
});
