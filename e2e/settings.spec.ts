import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, keepScreenshot, LOCALCLOUD_ENDPOINT, prefixFor } from "./support/workbook";

test.describe("settings", () => {
  test("switches connection modes, tests each, and the prefix follows onto the lab page", async ({ page }, testInfo) => {
    const prefix = prefixFor(testInfo, "set");
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await keepScreenshot(page, testInfo, "settings-initial");

    // A prefix that breaks the rules is explained before anything is sent.
    const prefixInput = page.getByLabel("Your prefix");
    await prefixInput.fill("User 3");
    await expect(page.getByText("Use only lowercase letters, digits and hyphens.")).toBeVisible();
    await prefixInput.fill(prefix);

    // Endpoint mode, pointed at the local cloud run alone (the e2e server's own).
    await page.getByRole("radio", { name: /Endpoint/ }).check();
    await page.getByLabel("Endpoint URL").fill("http://10.0.0.9:4566");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText(/Only endpoints on this machine/)).toBeVisible();
    await page.getByLabel("Endpoint URL").fill(LOCALCLOUD_ENDPOINT);
    await page.getByRole("button", { name: "Save and test connection" }).click();
    const result = page.getByTestId("connection-test-result");
    await expect(result).toContainText("Connected");
    await expect(page.getByTestId("identity-account")).toHaveText("000000000000");
    await expect(page.getByTestId("identity-arn")).toHaveText("arn:aws:iam::000000000000:root");
    await expect(page.getByTestId("connection-badge").getByTestId("connection-mode")).toHaveText(`Endpoint 127.0.0.1:${new URL(LOCALCLOUD_ENDPOINT).port}`);
    await keepScreenshot(page, testInfo, "settings-endpoint-tested");

    // AWS mode shows where credentials come from; the keys form asks before it sends.
    await page.getByRole("radio", { name: /AWS account/ }).check();
    await expect(page.getByRole("radio", { name: /Default credentials/ })).toBeChecked();
    await page.getByRole("radio", { name: /Paste temporary keys/ }).check();
    await expect(page.getByLabel("Secret access key")).toHaveAttribute("type", "password");
    await expectNoSeriousA11yViolations(page);

    // Back to the embedded local cloud, tested too.
    await page.getByRole("radio", { name: /Local cloud/ }).check();
    await page.getByLabel("Region", { exact: true }).selectOption("eu-west-1");
    await page.getByRole("button", { name: "Save and test connection" }).click();
    await expect(page.getByTestId("identity-account")).toHaveText("000000000000");
    const badge = page.getByTestId("connection-badge");
    await expect(badge.getByTestId("connection-mode")).toHaveText("Local cloud");
    await expect(badge.getByTestId("region")).toHaveText("eu-west-1");
    await expect(badge.getByTestId("prefix")).toHaveText(prefix);
    await keepScreenshot(page, testInfo, "settings-local-cloud-tested");

    // The lab page names everything with the new prefix.
    await page.goto("/labs/sqs-vs-kinesis");
    await expect(page.getByTestId("connection-badge").getByTestId("prefix")).toHaveText(prefix);
    await expect(page.getByTestId("live-orderQueue")).toContainText(`${prefix}-order-processing-queue`);
    await expect(page.getByTestId("live-analyticsStream")).toContainText(`${prefix}-analytics-stream`);
    await keepScreenshot(page, testInfo, "lab-with-prefix");
  });
});
