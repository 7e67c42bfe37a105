import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, fastForward, keepScreenshot, prefixFor, saveSettings } from "./support/workbook";

test.describe("a lab page", () => {
  test("runs a step's action, passes its check, records progress and fast-forwards time", async ({ page }, testInfo) => {
    const prefix = prefixFor(testInfo, "lab");
    await page.goto("/");
    await saveSettings(page, { prefix });
    await page.goto("/labs/cafe-sqs");

    await expect(page.getByRole("heading", { name: "Cafe orders through an SQS queue", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Steps" })).toBeVisible();
    await expect(page.getByTestId("live-ordersQueue")).toHaveAttribute("data-state", "missing");
    await expect(page.getByTestId("live-ordersQueue")).toContainText(`${prefix}-CafeOrdersQueue`);
    await expect(page.getByText("aws --endpoint-url http://127.0.0.1:")).toBeVisible();
    await keepScreenshot(page, testInfo, "lab-before");
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("button", { name: "Ask AWS who I am" }).click();
    await expect(page.getByTestId("action-outcome")).toContainText("arn:aws:iam::000000000000:root");
    const check = page.getByTestId("check-result");
    await expect(check).toHaveAttribute("data-passed", "true");
    await expect(page.getByTestId("step-link-connect")).toHaveAttribute("data-status", "done");
    await expect(page.getByTestId("lab-progress")).toHaveText(/^1 of \d+ done$/);

    await page.getByRole("button", { name: "Check again" }).click();
    await expect(check).toContainText("000000000000");

    // The clock: the page's fast-forward, and the local cloud's own API.
    await page.getByRole("button", { name: "+5 min" }).click();
    await expect(page.getByTestId("clock-offset")).toContainText("ahead");
    const { offsetSeconds } = await fastForward(60);
    expect(offsetSeconds).toBeGreaterThan(359);
    await keepScreenshot(page, testInfo, "lab-after");
    await expectNoSeriousA11yViolations(page);

    await page.goto("/");
    await expect(page.getByTestId("progress-cafe-sqs")).toContainText(/Progress1 of \d+ steps/);
    await expect(page.getByTestId("progress-sns-fanout")).toContainText(/0 of \d+ steps?/);
  });

  test("an unknown lab is a friendly 404", async ({ page }) => {
    const response = await page.goto("/labs/no-such-lab");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "No such lab" })).toBeVisible();
  });
});
