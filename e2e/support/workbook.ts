/**
 * Helpers every e2e test may use: settings through the real route (as the page would send them),
 * the local cloud's own API for fast-forwarding time, an axe scan, and screenshots kept with the
 * test's output.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";

export const LOCALCLOUD_PORT = process.env.E2E_LOCALCLOUD_PORT ?? "4990";
export const LOCALCLOUD_ENDPOINT = `http://127.0.0.1:${LOCALCLOUD_PORT}`;

/** A prefix of this test's own, so tests running in parallel never touch each other's resources. */
export function prefixFor(testInfo: TestInfo, base = "e2e"): string {
  const slug = testInfo.titlePath.join(" ").replace(/[^a-z0-9]+/gi, "").toLowerCase().slice(-6) || "t";
  return `${base}-${slug}${testInfo.workerIndex}${testInfo.repeatEachIndex}`.slice(0, 20);
}

/** Saves settings as the settings page does (same route, same origin). */
export async function saveSettings(page: Page, settings: { prefix: string; region?: string; mode?: "embedded" | "endpoint"; endpoint?: string }) {
  const origin = new URL(test.info().project.use.baseURL ?? "http://127.0.0.1:3290").origin;
  const response = await page.request.put("/api/settings", {
    headers: { origin, "content-type": "application/json" },
    data: { mode: settings.mode ?? "embedded", region: settings.region ?? "us-east-1", prefix: settings.prefix, ...(settings.endpoint ? { endpoint: settings.endpoint } : {}) },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Moves the local cloud's clock forward (instead of sleeping). */
export async function fastForward(seconds: number): Promise<{ offsetSeconds: number }> {
  const response = await fetch(`${LOCALCLOUD_ENDPOINT}/_localcloud/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(response.ok).toBe(true);
  return (await response.json()) as { offsetSeconds: number };
}

/** No serious or critical accessibility violations on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/**
 * A full-page screenshot kept in the test's output folder (test-results/e2e/<test>/<name>.png);
 * with `dark`, a second one in the dark theme (`<name>-dark.png`), the page back in light after.
 */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string, options: { dark?: boolean } = {}) {
  // From the top, so the sticky header sits where it belongs in a full-page image.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  if (options.dark) {
    await page.emulateMedia({ colorScheme: "dark" });
    await keepScreenshot(page, testInfo, `${name}-dark`);
    await page.emulateMedia({ colorScheme: "light" });
  }
}

/** The step's check result shows a pass (the check ran by itself, or was just run). */
export async function expectCheckPassed(page: Page) {
  await expect(page.getByTestId("check-result")).toHaveAttribute("data-passed", "true", { timeout: 30_000 });
}

/** Runs the step's check until it passes (a queue draining, a metric arriving). */
export async function checkUntilPassed(page: Page, perTryMs: number) {
  await expect(async () => {
    await page.getByTestId("check-panel").getByRole("button", { name: /Run the check|Check again/ }).click();
    await expect(page.getByTestId("check-result")).toHaveAttribute("data-passed", "true", { timeout: perTryMs });
  }).toPass({ timeout: 45_000, intervals: [500, 1000, 2000] });
}
