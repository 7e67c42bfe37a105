/**
 * The README's screenshot, taken from the running workbook. It is written into docs/ only when
 * UPDATE_README_SCREENSHOT=1 (so `npm test` never changes tracked files); otherwise it is kept
 * with the test output like every other screenshot.
 */
import path from "node:path";
import { expect, test } from "@playwright/test";
import { saveSettings } from "./support/workbook";

test("the README screenshot: a lab page on the local cloud", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/");
  await saveSettings(page, { prefix: "user3" });
  await page.goto("/labs/cafe-sqs");
  await page.getByRole("button", { name: "Ask AWS who I am" }).click();
  await expect(page.getByTestId("check-result")).toHaveAttribute("data-passed", "true");
  await expect(page.getByTestId("live-ordersQueue")).toHaveAttribute("data-state", /missing|ready/);
  const target = process.env.UPDATE_README_SCREENSHOT === "1" ? path.resolve("docs/screenshot.png") : testInfo.outputPath("readme-screenshot.png");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: target });
});
