/**
 * Security headers on every response (next.config.mjs): a CSP with frame-ancestors 'none',
 * nosniff, a Referrer-Policy. The pages still render and work under the CSP with no violation in
 * the console, and another page cannot frame the instructor's sign-in.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { keepScreenshot } from "./support/workbook";

/** INSTRUCTOR_SECRET if the run sets one; otherwise the secret the server printed when it started. */
function instructorSecret(): string {
  if (process.env.INSTRUCTOR_SECRET) return process.env.INSTRUCTOR_SECRET;
  const log = readFileSync(path.join(path.resolve(process.env.E2E_SERVER_DIR ?? "test-results/e2e-server"), "server.log"), "utf8");
  const printed = /secret for this run: (\S+)/.exec(log)?.[1];
  if (!printed) throw new Error("The server printed no instructor secret and INSTRUCTOR_SECRET is not set.");
  return printed;
}

/** Every CSP violation the page reports, from the console and from securitypolicyviolation events. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  return violations;
}

test("every response carries the security headers, and the pages work under the CSP", async ({ page, request }, testInfo) => {
  for (const url of ["/", "/labs/cafe-sqs", "/instructor", "/settings", "/api/connection/status", "/iam-policy.json"]) {
    const headers = (await request.get(url)).headers();
    expect(headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], url).toContain("default-src 'self'");
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(headers["referrer-policy"], url).toBe("same-origin");
    expect(headers["x-frame-options"], url).toBe("DENY");
  }

  const violations = await watchViolations(page);
  // The catalogue hydrates: the theme switch works.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hands-on AWS messaging");
  await page.getByRole("button", { name: /Theme: system/ }).click();
  await page.getByRole("button", { name: /Theme: light/ }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByRole("button", { name: /Theme: dark/ }).click();
  // A lab page polls its live snapshot (connect-src 'self').
  const live = page.waitForResponse((r) => r.url().includes("/api/labs/cafe-sqs") && r.ok());
  await page.goto("/labs/cafe-sqs");
  await live;
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // The instructor's sign-in renders and signs in.
  await page.goto("/instructor");
  await expect(page.getByLabel("Instructor secret")).toBeVisible();
  await keepScreenshot(page, testInfo, "instructor-sign-in");
  await page.getByLabel("Instructor secret").fill(instructorSecret());
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "New class" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("another page cannot frame the instructor's sign-in", async ({ page, baseURL }) => {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/frame-ancestors/.test(message.text())) refused.push(message.text());
  });
  await page.setContent(`<iframe id="framed" src="${baseURL}/instructor" width="800" height="600"></iframe>`);
  await expect.poll(() => refused.length).toBeGreaterThan(0);
  const framed = page.frames().find((f) => f !== page.mainFrame());
  expect(await framed?.locator("input").count()).toBe(0);
});
