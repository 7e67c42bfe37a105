/**
 * Pasted keys reach the server and nothing else: this test pastes a set, uses it, browses every
 * page, and then looks for the keys in every response the browser received (bodies and headers),
 * in the server's log, and in every file the local cloud wrote.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { keepScreenshot, prefixFor } from "./support/workbook";
import { fakeAccessKeyId, fakeSecretAccessKey } from "../lib/aws/test/fake-credentials";

const KEYS = {
  accessKeyId: fakeAccessKeyId("temporary", "e2eleaktestkey42"),
  secretAccessKey: fakeSecretAccessKey("e2eLeakTest"),
  sessionToken: "IQoJb3JpZ2luX2VjE2ELeakTestSessionToken0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP",
};
const SECRETS = Object.values(KEYS);

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

test("pasted keys never appear in a response, a log line or a file", async ({ page }, testInfo) => {
  const seen: Array<{ url: string; text: string }> = [];
  page.on("response", async (response) => {
    const headers = JSON.stringify(await response.allHeaders());
    const body = await response.body().then((b) => b.toString("utf8"), () => "");
    seen.push({ url: response.url(), text: headers + body });
  });

  await page.goto("/settings");
  await page.getByLabel("Your prefix").fill(prefixFor(testInfo, "keys"));
  await page.getByRole("radio", { name: /AWS account/ }).check();
  await page.getByRole("radio", { name: /Paste temporary keys/ }).check();
  await page.getByLabel("Access key ID").fill(KEYS.accessKeyId);
  await page.getByLabel("Secret access key").fill(KEYS.secretAccessKey);
  await page.getByLabel("Session token (for temporary keys)").fill(KEYS.sessionToken);
  await page.getByRole("button", { name: "Save and test connection" }).click();

  // These keys are not real: whether this machine is offline or reaches AWS, the test fails, in plain words.
  const result = page.getByTestId("connection-test-result");
  await expect(result).toContainText("The connection failed", { timeout: 60_000 });
  await expect(page.getByTestId("keys-held")).toBeVisible();
  await expect(page.getByLabel("Secret access key")).toHaveValue("");
  await keepScreenshot(page, testInfo, "keys-pasted");

  // Use the connection everywhere a page would.
  await page.goto("/");
  await expect(page.getByTestId("connection-badge").getByTestId("connection-mode")).toHaveText("AWS · pasted keys");
  await page.goto("/labs/cafe-sqs");
  await page.getByRole("button", { name: "Ask AWS who I am" }).click();
  await expect(page.getByRole("alert").first()).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: /Run the check|Check again/ }).click();
  await expect(page.getByTestId("check-result")).toHaveAttribute("data-passed", "false", { timeout: 60_000 });
  await page.goto("/settings");
  await expect(page.getByTestId("keys-held")).toBeVisible();

  // Forget them again so the server holds nothing after the test.
  await page.getByRole("radio", { name: /Local cloud/ }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

  expect(seen.length).toBeGreaterThan(10);
  for (const { url, text } of seen) for (const secret of SECRETS) expect(text.includes(secret), `${url} leaked a key`).toBe(false);

  const serverDir = path.resolve(process.env.E2E_SERVER_DIR ?? "test-results/e2e-server");
  const log = readFileSync(path.join(serverDir, "server.log"), "utf8");
  expect(log.length).toBeGreaterThan(0);
  for (const secret of SECRETS) expect(log.includes(secret), "the server log holds a key").toBe(false);

  const dataDir = readFileSync(path.join(serverDir, "localcloud-data-dir.txt"), "utf8").trim();
  for (const file of filesUnder(dataDir)) {
    const content = readFileSync(file, "utf8");
    for (const secret of SECRETS) expect(content.includes(secret), `${file} holds a key`).toBe(false);
  }
});
