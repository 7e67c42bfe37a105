/**
 * End-to-end tests: a production build of the workbook on its own ports (app E2E_PORT, default
 * 3290; local cloud E2E_LOCALCLOUD_PORT, default 4990) with its own local cloud in a temporary
 * folder, driven by whichever Chromium e2e/support/browser.ts finds.
 *
 * Two runs at once in one checkout (engineers working side by side) each set their own E2E_PORT,
 * E2E_LOCALCLOUD_PORT, E2E_DIST_DIR (.next-e2e-1 … .next-e2e-6 are known to tsconfig.json),
 * E2E_OUTPUT_DIR, E2E_REPORT_DIR and E2E_SERVER_DIR.
 */
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./e2e/support/browser";

const appPort = process.env.E2E_PORT ?? "3290";
const cloudPort = process.env.E2E_LOCALCLOUD_PORT ?? "4990";
const browser = findChromium();

export default defineConfig({
  testDir: "e2e",
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results/e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // One worker by default: every test shares the server's local cloud and its clock, and one
  // test's fast-forward must not expire another's visibility timeout mid-step.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["html", { open: "never", outputFolder: process.env.E2E_REPORT_DIR ?? "playwright-report" }]],
  use: {
    baseURL: `http://127.0.0.1:${appPort}`,
    browserName: "chromium",
    headless: true,
    viewport: { width: 1440, height: 960 },
    launchOptions: { executablePath: browser.executablePath, args: CHROMIUM_ARGS },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  webServer: {
    command: "node e2e/support/web-server.mjs",
    url: `http://127.0.0.1:${appPort}/api/connection/status`,
    timeout: 420_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { E2E_PORT: appPort, E2E_LOCALCLOUD_PORT: cloudPort },
  },
});
