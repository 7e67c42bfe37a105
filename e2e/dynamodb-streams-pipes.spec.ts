/**
 * The DynamoDB Streams, DLQ, Pipes and alarm lab, clicked through as a new student would, on the
 * local cloud: the table and its stream, an order through the API, the stream consumer, the DLQ,
 * the worker's three paths, the pipe competing for the queue (every order accounted for), the pipe
 * moved to the stream (numbers are text there), the DLQ alarm going OK → ALARM with its mail, the
 * metrics and clean-up. Time is fast-forwarded, never waited for. A screenshot of each step is kept.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, fastForward, keepScreenshot, prefixFor, saveSettings } from "./support/workbook";

const SLOW = { timeout: 30_000 };

async function passes(page: Page) {
  const result = page.getByTestId("check-result");
  await expect(async () => {
    if ((await result.getAttribute("data-passed").catch(() => null)) !== "true") {
      await page.getByRole("button", { name: /Check again|Run the check/ }).click();
    }
    await expect(result).toHaveAttribute("data-passed", "true", { timeout: 3_000 });
  }).toPass(SLOW);
}

async function nextStep(page: Page, stepId: string, title: string) {
  await page.getByTestId("next-step").click();
  await expect(page).toHaveURL(new RegExp(`step=${stepId}`));
  await expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
}

/** Clicks the page's own fast-forward button (it refreshes every live view) until `done` holds. */
async function skipUntil(button: Locator, done: () => Promise<boolean>) {
  await expect
    .poll(
      async () => {
        if (await done()) return true;
        // The button goes away once its wait is over: never wait long for it.
        if (await button.isVisible()) await button.click({ timeout: 2_000 }).catch(() => undefined);
        return false;
      },
      { timeout: 60_000, intervals: [400, 600, 800] },
    )
    .toBe(true);
}

async function count(inspector: Locator, testId: string): Promise<number> {
  return Number((await inspector.getByTestId(testId).textContent()) ?? "0");
}

test("the DynamoDB Streams, Pipes and alarm lab, step by step", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const prefix = prefixFor(testInfo, "dsp");
  page.on("dialog", (dialog) => dialog.accept());
  await page.goto("/");
  await saveSettings(page, { prefix });
  await page.goto("/labs/dynamodb-streams-pipes?step=connect");
  await expect(page.getByRole("heading", { name: "DynamoDB Streams, a dead-letter queue, Pipes and an alarm", level: 1 })).toBeVisible();

  // 1 · Connect
  await page.getByRole("button", { name: "Ask AWS who I am" }).click();
  await passes(page);
  await keepScreenshot(page, testInfo, "01-connect");

  // 2 · The table and its stream
  await nextStep(page, "orders-table", "The Orders table and its stream");
  await page.getByRole("button", { name: "Create the table with its stream" }).click();
  await passes(page);
  await expect(page.getByTestId("check-result")).toContainText(`Stream ARN: arn:aws:dynamodb:us-east-1:000000000000:table/${prefix}-Orders/stream/`);
  await keepScreenshot(page, testInfo, "02-orders-table");

  // 3 · The create-order API
  await nextStep(page, "create-order-api", "The create-order API");
  await page.getByTestId("send-order").click();
  await expect(page.getByTestId("orders-panel").getByRole("status")).toContainText("201 Created", SLOW);
  await expect(page.getByTestId("orders-panel")).toContainText('"statusCode": 201');
  await passes(page);
  await expect(page.getByRole("table").filter({ hasText: "valueTier" })).toContainText("PENDING", SLOW);
  await keepScreenshot(page, testInfo, "03-create-order-api");

  // 4 · The stream consumer
  await nextStep(page, "stream-consumer", "Read the stream: forward new orders");
  await expect(page.getByTestId("stream-panel")).toContainText("INSERT", SLOW);
  await page.getByTestId("start-consumer").click();
  const processing = page.getByTestId("queue-inspector-processingQueue");
  await expect(processing.getByTestId("count-visible")).toHaveText("1", SLOW);
  await passes(page);
  await keepScreenshot(page, testInfo, "04-stream-consumer");
  await expectNoSeriousA11yViolations(page);

  // 5 · The DLQ and the redrive policy
  await nextStep(page, "queues", "A dead-letter queue for the processing queue");
  await page.getByTestId("create-queues").click();
  await passes(page);
  await expect(page.getByTestId("check-result")).toContainText("after 3 receives");
  await keepScreenshot(page, testInfo, "05-queues");

  // 6 · The worker's three paths
  await nextStep(page, "order-worker", "The order worker: three paths");
  await page.getByTestId("start-worker").click();
  await expect(page.getByTestId("worker-panel")).toContainText("trigger on", SLOW);
  for (const kind of ["normal", "high", "fail"]) {
    await page.getByTestId(`send-${kind}`).click();
    await expect(page.getByTestId("worker-panel").getByRole("status").filter({ hasText: "Sent order" })).toBeVisible(SLOW);
  }
  const orders = page.getByTestId("orders-table");
  await expect(orders.locator('[data-order-status="COMPLETED"]')).toHaveCount(2, SLOW);
  await expect(orders.locator('[data-order-status="FAILED"]')).toContainText("above 10000", SLOW);
  await expect(processing.getByTestId("queue-message")).toHaveCount(1, SLOW);
  await keepScreenshot(page, testInfo, "06-order-worker-retrying");
  const dlq = page.getByTestId("queue-inspector-processingDlq");
  await skipUntil(page.getByTestId("skip-31"), async () => (await count(dlq, "count-visible")) === 1);
  await passes(page);
  await keepScreenshot(page, testInfo, "06-order-worker");

  // 7 · The pipe on the queue, competing with the worker
  await nextStep(page, "route-with-pipe", "Route high-value orders with a pipe");
  await page.getByTestId("create-pipe").click();
  await expect(page.getByTestId("pipe-state")).toBeVisible(SLOW);
  await skipUntil(page.getByTestId("skip-4"), async () => (await page.getByTestId("pipe-state").getAttribute("data-state")) === "RUNNING");
  const tester = page.getByTestId("routing-tester-queue");
  await tester.getByTestId("sample-boundary").click();
  await tester.getByTestId("run-sample").click();
  await expect(tester.getByTestId("routing-result")).toHaveAttribute("data-matched", "false", SLOW);
  await expect(tester.getByTestId("routing-result")).toContainText("deletes a message its filter does not match");
  await tester.getByTestId("sample-text").click();
  await tester.getByTestId("run-sample").click();
  await expect(tester.getByTestId("routing-explanation")).toContainText('body.amount is the text "25000", not a number', SLOW);
  await tester.getByTestId("sample-high").click();
  await tester.getByTestId("run-sample").click();
  await expect(tester.getByTestId("routing-result")).toHaveAttribute("data-matched", "true", SLOW);
  await expect(tester.getByTestId("routing-result")).toContainText('"routedBy": "' + prefix + '-HighValueOrderPipe"');
  await keepScreenshot(page, testInfo, "07-route-tester");
  // The pipe alone on the queue: pause the worker, send the batch, count.
  const demoQueue = page.getByTestId("demo-queue");
  await demoQueue.getByTestId("worker-trigger").click();
  await expect(demoQueue.getByTestId("worker-switch")).toHaveAttribute("data-enabled", "false", SLOW);
  await demoQueue.getByTestId("run-demo").click();
  await expect(demoQueue.getByRole("status").filter({ hasText: "Sent 12 orders" })).toContainText("with the worker paused", SLOW);
  await skipUntil(demoQueue.getByTestId("skip-31"), async () => (await demoQueue.getByTestId("run-queue").getAttribute("data-settled")) === "true");
  // completed + failed + routed + in the DLQ + dropped + moving
  await expect(demoQueue.getByTestId("run-sum-queue")).toContainText("0 + 0 + 5 + 0 + 7 + 0 = 12 of 12 orders", SLOW);
  await expect(demoQueue.getByTestId("run-sum-queue")).toContainText("all accounted for");
  await passes(page);
  await expect(page.getByTestId("check-result")).toContainText("(worker paused): all 12 orders accounted for");
  await keepScreenshot(page, testInfo, "07-route-with-pipe", { dark: true });
  await expectNoSeriousA11yViolations(page);
  await demoQueue.getByTestId("worker-trigger").click();
  await expect(demoQueue.getByTestId("worker-switch")).toHaveAttribute("data-enabled", "true", SLOW);

  // 8 · The pipe on the stream
  await nextStep(page, "pipe-on-stream", "A better design: the pipe reads the stream");
  await page.getByTestId("move-pipe").click();
  await expect(page.getByTestId("stream-pipe-panel").getByRole("status").first()).toContainText(`Deleted ${prefix}-HighValueOrderPipe`, SLOW);
  await skipUntil(page.getByTestId("skip-4"), async () => (await page.getByTestId("pipe-state").getAttribute("data-state")) === "RUNNING");
  const streamTester = page.getByTestId("routing-tester-stream");
  await streamTester.getByTestId("try-numeric-filter").click();
  await streamTester.getByTestId("run-sample").click();
  await expect(streamTester.getByTestId("routing-explanation")).toContainText("holds every number as a string", SLOW);
  await streamTester.getByTestId("use-tier-filter").click();
  await streamTester.getByTestId("run-sample").click();
  await expect(streamTester.getByTestId("routing-result")).toHaveAttribute("data-matched", "true", SLOW);
  await expect(streamTester.getByTestId("routing-result")).toContainText('"amount": "25000"');
  await keepScreenshot(page, testInfo, "08-stream-tester");
  const demoStream = page.getByTestId("demo-stream");
  await demoStream.getByTestId("run-demo").click();
  await expect(demoStream.getByRole("status").filter({ hasText: "Sent 12 orders" })).toBeVisible(SLOW);
  await skipUntil(demoStream.getByTestId("skip-31"), async () => (await demoStream.getByTestId("run-stream").getAttribute("data-settled")) === "true");
  await expect(demoStream.getByTestId("run-sum-stream")).toContainText("6 + 4 + 2 + 0 = 12 of 12 orders", SLOW);
  await expect(demoStream.getByTestId("run-sum-stream")).toContainText("plus 5 high-value copies");
  await expect(demoStream.getByTestId("comparison")).toContainText("Dropped without a trace");
  await passes(page);
  await keepScreenshot(page, testInfo, "08-pipe-on-stream");

  // 9 · The DLQ alarm
  await nextStep(page, "alerts", "An alarm on the DLQ");
  await page.getByTestId("create-alerts").click();
  await expect(page.getByTestId("alerts-panel")).toContainText("pending confirmation", SLOW);
  await page.getByTestId("confirm-subscription").click();
  await expect(page.getByTestId("alerts-panel")).toContainText("ops@example.com: confirmed", SLOW);
  await page.getByTestId("empty-dlq").click();
  await expect(page.getByTestId("alerts-panel").getByRole("status").filter({ hasText: "Purged" })).toBeVisible(SLOW);
  const alarmState = page.getByTestId("alarm-state");
  const nextEvaluation = page.getByTestId("alarm-part").getByTestId("countdown-skip").first();
  await skipUntil(nextEvaluation, async () => (await alarmState.getAttribute("data-state")) === "OK");
  await keepScreenshot(page, testInfo, "09-alerts-ok");
  await page.getByTestId("send-fail-order").click();
  const alertsDlq = page.getByTestId("queue-inspector-processingDlq");
  const retry = page.getByTestId("queue-inspector-processingQueue").getByTestId("countdown-skip").first();
  await skipUntil(retry, async () => (await count(alertsDlq, "count-visible")) === 1);
  await skipUntil(nextEvaluation, async () => (await alarmState.getAttribute("data-state")) === "ALARM");
  await expect(page.getByTestId("alarm-history")).toContainText("Alarm updated from OK to ALARM", SLOW);
  // The newest notification (the outbox lists newest first); an earlier ALARM may be there too, from
  // before the DLQ was emptied, depending on when the alarm was last evaluated.
  await expect(page.getByTestId("outbox").locator('[data-kind="Notification"]').first()).toContainText(`ALARM: "${prefix}-order-processing-alarm"`, SLOW);
  await passes(page);
  await keepScreenshot(page, testInfo, "09-alerts", { dark: true });
  await expectNoSeriousA11yViolations(page);

  // 10 · Metrics
  await nextStep(page, "metrics", "Read the metrics");
  await page.getByTestId("publish-metrics").click();
  await expect(page.getByTestId("metrics-panel").getByRole("status")).toContainText("Published", SLOW);
  await fastForward(60);
  await page.reload();
  for (const graph of ["dlq-depth", "processing-queue", "worker-errors", "pipe-traffic"]) {
    await expect(page.getByTestId(`graph-${graph}`)).not.toHaveAttribute("data-points", "0", SLOW);
  }
  await passes(page);
  await keepScreenshot(page, testInfo, "10-metrics");

  // 11 · Clean up
  await nextStep(page, "clean-up", "Clean up");
  await page.getByRole("button", { name: "Delete this lab's resources" }).click();
  await expect(page.getByText(new RegExp(`^Deleted .*${prefix}-HighValueOrderStreamPipe`))).toBeVisible(SLOW);
  await fastForward(10);
  await passes(page);
  await keepScreenshot(page, testInfo, "11-clean-up");
});
