/**
 * Classroom mode, end to end: an instructor signs in (a wrong secret is refused), creates a class
 * on the local cloud, three students join in their own browsers and do different steps, the
 * dashboard shows each one's progress live, "verify now" agrees with it (and finds the table a
 * student made by hand with the lab's CLI command), and requests crafted to act on another
 * student's prefix are refused. The class is ended at the end, so later specs see the workbook in
 * single-user mode again.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { expectCheckPassed, expectNoSeriousA11yViolations, keepScreenshot, LOCALCLOUD_ENDPOINT } from "./support/workbook";

const SLOW = { timeout: 30_000 };
const LAB = "sns-fanout";
const OTHER_LAB = "fifo-idempotency";

/** INSTRUCTOR_SECRET if the run sets one; otherwise the secret the server printed when it started. */
function instructorSecret(): string {
  if (process.env.INSTRUCTOR_SECRET) return process.env.INSTRUCTOR_SECRET;
  const log = readFileSync(path.join(path.resolve(process.env.E2E_SERVER_DIR ?? "test-results/e2e-server"), "server.log"), "utf8");
  const printed = /secret for this run: (\S+)/.exec(log)?.[1];
  if (!printed) throw new Error("The server printed no instructor secret and INSTRUCTOR_SECRET is not set.");
  return printed;
}

function origin(): string {
  return new URL(test.info().project.use.baseURL ?? "http://127.0.0.1:3290").origin;
}

async function join(browser: Browser, code: string, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/join$/);
  await page.getByLabel("Join code").fill(code);
  await page.getByLabel("Your username").fill(username);
  await page.getByRole("button", { name: "Join the class" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("prefix")).toHaveText(username.toLowerCase());
  return page;
}

async function classSession(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === "ml_class");
  if (!cookie) throw new Error("No class session cookie.");
  return cookie.value;
}

let instructorRequest: APIRequestContext | undefined;
let classId: string | undefined;

test.afterAll(async () => {
  // Leave the shared e2e server in single-user mode for the specs after this one.
  if (instructorRequest && classId) {
    await instructorRequest.delete(`/api/instructor/classes/${classId}`, { headers: { origin: origin(), "content-type": "application/json" }, data: {} });
  }
});

test("a class: students join, the dashboard follows them live, verify agrees, isolation holds", async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const stem = `c${Date.now().toString(36).slice(-5)}u`;
  const [alice, bob, carol] = [`${stem}1`, `${stem}2`, `${stem}3`];

  // The instructor: a wrong secret is refused, the right one opens the page.
  const instructorContext = await browser.newContext();
  const instructor = await instructorContext.newPage();
  instructorRequest = instructorContext.request;
  await instructor.goto("/instructor");
  await instructor.getByLabel("Instructor secret").fill("not the secret at all");
  await instructor.getByRole("button", { name: "Sign in" }).click();
  await expect(instructor.getByText("That is not the instructor secret.")).toBeVisible();
  const refused = await instructorContext.request.get("/api/instructor/classes");
  expect(refused.status()).toBe(401);
  await keepScreenshot(instructor, testInfo, "01-wrong-secret");
  await instructor.getByLabel("Instructor secret").fill(instructorSecret());
  await instructor.getByRole("button", { name: "Sign in" }).click();

  // A class on the local cloud for three students.
  await expect(instructor.getByRole("heading", { name: "New class" })).toBeVisible();
  await instructor.getByLabel("Class name").fill("E2E classroom");
  await instructor.getByLabel("Who may join").fill(`${stem}1..${stem}3`);
  await instructor.getByRole("button", { name: "Create the class" }).click();
  await expect(instructor).toHaveURL(/\/instructor\/[a-z0-9]+$/);
  classId = instructor.url().split("/").pop();
  const code = (await instructor.getByTestId("join-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(instructor.getByTestId(`student-${alice}`)).toHaveAttribute("data-joined", "false");
  await expectNoSeriousA11yViolations(instructor);

  // Three students in their own browsers.
  const a = await join(browser, code.toLowerCase(), alice);
  const b = await join(browser, code, bob.toUpperCase());
  const c = await join(browser, code.replace("-", ""), carol);
  await expect(instructor.getByTestId(`student-${carol}`)).toHaveAttribute("data-joined", "true", SLOW);
  await keepScreenshot(a, testInfo, "02-student-catalogue");

  // Alice checks her connection in the SNS lab; Bob goes on to create the Orders table; Carol
  // starts the FIFO lab, then makes the SNS lab's table by hand with the command the lab shows.
  await a.goto(`/labs/${LAB}`);
  await a.getByRole("button", { name: "Ask AWS who I am" }).click();
  await expectCheckPassed(a);
  await b.goto(`/labs/${LAB}`);
  await b.getByRole("button", { name: "Ask AWS who I am" }).click();
  await expectCheckPassed(b);
  await b.getByTestId("next-step").click();
  await b.getByRole("button", { name: "Create the Orders table" }).click();
  await expectCheckPassed(b);
  await expect(b.getByTestId("check-result")).toContainText(`${bob}-Orders is ACTIVE`);
  await c.goto(`/labs/${OTHER_LAB}`);
  await c.getByRole("button", { name: "Ask AWS who I am" }).click();
  await expectCheckPassed(c);
  await new DynamoDBClient({ endpoint: LOCALCLOUD_ENDPOINT, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } }).send(
    new CreateTableCommand({
      TableName: `${carol}-Orders`,
      AttributeDefinitions: [{ AttributeName: "orderId", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "orderId", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
      Tags: [
        { Key: "Project", Value: "ServerlessLab" },
        { Key: "Lab", Value: LAB },
        { Key: "Student", Value: carol },
      ],
    }),
  );

  // The dashboard follows them without a reload.
  await expect(instructor.getByTestId(`cell-${alice}-${LAB}`)).toHaveAttribute("data-done", "1", SLOW);
  await expect(instructor.getByTestId(`cell-${bob}-${LAB}`)).toHaveAttribute("data-done", "2", SLOW);
  await expect(instructor.getByTestId(`cell-${carol}-${OTHER_LAB}`)).toHaveAttribute("data-done", "1", SLOW);
  await expect(instructor.getByTestId(`cell-${carol}-${LAB}`)).toHaveAttribute("data-done", "0");
  await expect(instructor.getByTestId(`cell-${bob}-${LAB}`)).toContainText(/on \S/);
  await expect(instructor.getByTestId("class-totals")).toContainText("3 of 3 joined");
  await keepScreenshot(instructor, testInfo, "03-dashboard-live");

  // Verify now agrees with what was recorded, and finds Carol's hand-made table.
  await instructor.getByLabel("Lab", { exact: true }).selectOption(LAB);
  await instructor.getByRole("button", { name: "Verify now" }).click();
  await expect(instructor.getByTestId("verify-status")).toHaveAttribute("data-state", "finished", { timeout: 60_000 });
  await expect(instructor.getByTestId("verify-status")).toHaveAttribute("data-done", "3");
  const disagreements = instructor.getByTestId("verify-disagreements");
  await expect(disagreements).toContainText(`${carol} — passes, never recorded (made by hand?): The Orders table`);
  await expect(disagreements).not.toContainText(alice);
  await expect(disagreements).not.toContainText(bob);
  await expect(instructor.getByTestId(`verified-${bob}-${LAB}`)).toHaveText("verify: agrees");
  await expect(instructor.getByTestId(`verified-${alice}-${LAB}`)).toHaveText("verify: agrees");
  await expect(instructor.getByTestId(`verified-${carol}-${LAB}`)).toHaveText("verify: 1 not recorded");
  await keepScreenshot(instructor, testInfo, "04-verify-now");

  // Crafted requests: Alice's browser tries to act as Bob.
  const asAlice = a.context().request;
  const headers = { origin: origin(), "content-type": "application/json" };
  const settings = await asAlice.put("/api/settings", { headers, data: { mode: "embedded", region: "us-east-1", prefix: bob } });
  expect(settings.status()).toBe(403);
  const session = await classSession(a);
  const [body, signature] = session.split(".");
  const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
  const forged = `${Buffer.from(JSON.stringify({ ...payload, u: bob }), "utf8").toString("base64url")}.${signature}`;
  const asForged = await browser.newContext();
  await asForged.addCookies([{ name: "ml_class", value: forged, url: origin() }]);
  const reset = await asForged.request.delete(`/api/labs/${LAB}/progress`, { headers, data: {} });
  expect(reset.status()).toBe(401);
  const forgedSettings = Buffer.from(JSON.stringify({ connection: { mode: "embedded" }, region: "us-east-1", prefix: bob }), "utf8").toString("base64url");
  await a.context().addCookies([{ name: "ml_settings", value: forgedSettings, url: origin() }]);
  const progress = (await (await asAlice.get(`/api/labs/${LAB}/progress`)).json()) as { records: Array<{ student: string }> };
  expect(progress.records.map((r) => r.student)).toEqual([alice]);
  expect((await asAlice.get(`/api/instructor/classes/${classId}/dashboard`)).status()).toBe(401);
  await expect(instructor.getByTestId(`cell-${bob}-${LAB}`)).toHaveAttribute("data-done", "2");

  // Student pages: the settings are the class's; a visitor without a session is sent to Join.
  await a.goto("/settings");
  await expect(a.getByTestId("classroom-settings")).toContainText(alice);
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/labs/${LAB}`);
  await expect(visitor).toHaveURL(/\/join$/);
  await expectNoSeriousA11yViolations(visitor);

  // Ending the class ends the sessions and classroom mode.
  const ended = await instructorContext.request.delete(`/api/instructor/classes/${classId}`, { headers, data: {} });
  expect(ended.status()).toBe(200);
  classId = undefined;
  await a.goto("/join");
  await expect(a.getByText("No class is running on this workbook right now")).toBeVisible();
});
