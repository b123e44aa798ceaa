// A database outage, as people and scripts see it (issue 12): every route degrades the same
// way — 503 problem+json with Retry-After on /api/v1/* and /api/auth/* alike — and dashboard
// pages show a calm "Database unavailable — retrying" notice (never a 500 page), then come
// back by themselves, without a reload, once the database answers again.
// The product runs as `npm start` against a PostgreSQL of this spec's own, which it stops and
// starts (same data, same port); reached as http://runyard.test:PORT (the "field" project).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { npmStart, type StartedProduct } from "@/lib/testing/npm-start";

let product: StartedProduct;
let database: EmbeddedPostgres | undefined;
let dataDir: string;
let databasePort: number;
let site: string;

test.beforeAll(async () => {
  test.setTimeout(360_000);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "runyard-outage-"));
  databasePort = await freePort();
  database = await startEmbeddedPostgres({ dataDir, port: databasePort, durable: false });
  product = await npmStart({ env: { DATABASE_URL: database.url, RUNYARD_BIND: "0.0.0.0" } });
  site = `http://runyard.test:${product.port}`;
});

test.afterAll(async () => {
  await product?.stop();
  await database?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

type Answer = { status: number; contentType: string; retryAfter: string; body: string };

/** A request from the page itself (Chromium resolves runyard.test; its cookies ride along). */
function call(page: Page, pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return page.evaluate(async ([url, options]) => {
    const response = await fetch(url, options);
    return { status: response.status, contentType: response.headers.get("content-type") ?? "", retryAfter: response.headers.get("retry-after") ?? "", body: await response.text() };
  }, [pathname, init] as const);
}

function expectOutageProblem(answer: Answer, what: string) {
  expect(answer.status, what).toBe(503);
  expect(answer.contentType, what).toMatch(/^application\/problem\+json/);
  expect(Number(answer.retryAfter), what).toBeGreaterThan(0);
  const body = JSON.parse(answer.body) as { code?: string; detail?: string };
  expect(body.code, what).toBe("database_unavailable");
  expect(body.detail, what).toMatch(/database is unavailable/);
}

test("database down: 503 problem+json on /api/auth/* and /api/v1/*, a calm notice on pages, and back without a reload", async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ baseURL: site });
  const page = await context.newPage();
  await page.goto("/setup");
  await page.getByLabel("Your name").fill("Ada Admin");
  await page.getByLabel("Email").fill("ada@example.com");
  await page.getByLabel("Password").fill("a long password for ada");
  await page.getByLabel("Admin token").fill(product.firstToken!);
  await page.getByRole("button", { name: "Create the first admin" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  await database!.stop();
  database = undefined;

  expectOutageProblem(await call(page, "/api/health"), "GET /api/health");
  expectOutageProblem(await call(page, "/api/v1/workers", { headers: { authorization: `Bearer ${product.firstToken}` } }), "GET /api/v1/workers (token)");
  expectOutageProblem(await call(page, "/api/v1/workers"), "GET /api/v1/workers (session)");
  expectOutageProblem(await call(page, "/api/auth/get-session"), "GET /api/auth/get-session");
  expectOutageProblem(
    await call(page, "/api/auth/sign-in/email", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "ada@example.com", password: "a long password for ada" }) }),
    "POST /api/auth/sign-in/email",
  );
  expectOutageProblem(await call(page, "/api/auth/sign-out", { method: "POST" }), "POST /api/auth/sign-out");

  // Pages: the notice, never a 500.
  for (const pathname of ["/", "/workers", "/runs"]) {
    const response = await page.goto(pathname);
    expect(response!.status(), pathname).toBeLessThan(500);
    await expect(page.getByText("Database unavailable — retrying"), pathname).toBeVisible();
  }
  const signedOut = await browser.newContext({ baseURL: site });
  const visitor = await signedOut.newPage();
  const signInPage = await visitor.goto("/sign-in");
  expect(signInPage!.status(), "/sign-in").toBeLessThan(500);
  await expect(visitor.getByText("Database unavailable — retrying")).toBeVisible();

  // Back: the same page, never reloaded, shows the dashboard again.
  await page.goto("/");
  await expect(page.getByText("Database unavailable — retrying")).toBeVisible();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  database = await startEmbeddedPostgres({ dataDir, port: databasePort, durable: false });
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("Database unavailable — retrying")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expect(visitor.getByRole("button", { name: "Sign in" })).toBeVisible({ timeout: 60_000 });
  expect((await call(page, "/api/auth/get-session")).status).toBe(200);

  await signedOut.close();
  await context.close();
});
