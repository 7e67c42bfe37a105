import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, keepScreenshot } from "./support/workbook";

test.describe("the lab catalogue", () => {
  test("lists the five labs with the connection, prefix and region in the header", async ({ page }, testInfo) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hands-on AWS messaging");
    const labs = page.getByRole("list", { name: "Labs" }).getByRole("listitem").filter({ has: page.getByRole("article") });
    await expect(labs).toHaveCount(5);
    for (const title of [
      "Cafe orders through an SQS queue",
      "DynamoDB Streams, a dead-letter queue, Pipes and an alarm",
      "SQS versus Kinesis Data Streams, side by side",
      "SNS fan-out to SQS with a dead-letter queue",
      "An idempotent SQS FIFO consumer",
    ]) {
      await expect(page.getByRole("heading", { name: title })).toBeVisible();
    }
    const badge = page.getByTestId("connection-badge");
    await expect(badge.getByTestId("prefix")).toHaveText("user1");
    await expect(badge.getByTestId("connection-mode")).toHaveText("Local cloud");
    await expect(badge.getByTestId("region")).toHaveText("us-east-1");
    await expect(badge.getByText("working")).toBeAttached();
    await expect(page.getByTestId("progress-cafe-sqs")).toContainText(/of \d+ steps?/);
    await keepScreenshot(page, testInfo, "catalogue-light");
    await expectNoSeriousA11yViolations(page);
  });

  test("reads well in the dark theme, chosen with the theme switch", async ({ page }, testInfo) => {
    await page.goto("/");
    await page.getByRole("button", { name: /Theme: system/ }).click();
    await page.getByRole("button", { name: /Theme: light/ }).click();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await keepScreenshot(page, testInfo, "catalogue-dark");
    await expectNoSeriousA11yViolations(page);
  });

  test("can be used with the keyboard alone", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.getByRole("link", { name: "Open Cafe orders through an SQS queue" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/labs\/cafe-sqs/);
  });
});
