// Run logs as people read them (issue 15): a run with 1,600 lines — log ids crossing 10, 100
// and 1000 — read live while the agent appends them, and again after the fact: every line
// once, in order, no `::progress` lines. The view renders only the rows on screen, so the
// spec scrolls through it and collects what each row shows.
import type { ChildProcess } from "node:child_process";
import type { Page } from "@playwright/test";
import { startAgent } from "./support/agent";
import { expect, test } from "./support/fixtures";

const LINES = 1_600;
let agent: ChildProcess | undefined;
test.afterEach(() => {
  agent?.kill("SIGKILL");
  agent = undefined;
});

/** Scrolls the windowed log from top to bottom and returns the text of every row, in row order. */
async function readWholeLog(page: Page): Promise<string[]> {
  return page.getByTestId("run-logs").evaluate(async (box: HTMLElement) => {
    const total = Number(box.dataset.rows);
    const rows = new Map<number, string>();
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    // Each step puts row `target` at the bottom of the view and waits until it is rendered
    // (the previous window ends 5 rows above it), then collects the whole window.
    for (let target = 0; ; target = Math.min(total - 1, target + 25)) {
      box.scrollTop = Math.max(0, 16 + (target + 1) * 20 - box.clientHeight);
      box.dispatchEvent(new Event("scroll"));
      for (let i = 0; i < 300 && !box.querySelector(`[data-row="${target}"]`); i++) await frame();
      for (const el of box.querySelectorAll<HTMLElement>("[data-row]")) rows.set(Number(el.dataset.row), el.textContent ?? "");
      if (target === total - 1) break;
    }
    return Array.from({ length: total }, (_, i) => rows.get(i) ?? `<row ${i} never rendered>`);
  });
}

const expected = Array.from({ length: LINES }, (_, i) => `line ${i + 1}`);

test("a run with 1,600 log lines reads every line once, in order, live and after the fact", async ({ page, team }) => {
  test.setTimeout(180_000);
  await team.signIn(page);
  const run = await team.api.scheduleComputeWorkerRun({ name: "chatty", runsOn: [], config: { lines: LINES, linesMs: 8000, steps: 4, sleepMs: 400 } });
  await page.goto(`/runs/${run.id}`);
  agent = startAgent({ token: team.workerToken });
  const count = page.getByTestId("run-logs-count");
  // Read live: the count grows while the run is running.
  await expect(count).toContainText("Live", { timeout: 30_000 });
  await expect(count).not.toContainText(/· 0 lines/, { timeout: 30_000 });
  await expect(page.getByTestId("run-state")).toHaveText("Completed", { timeout: 60_000 });
  await expect(count).toHaveText(`Log · ${LINES.toLocaleString("en-US")} lines`);
  expect(await readWholeLog(page)).toEqual(expected);

  await page.reload();
  await expect(page.getByTestId("run-logs-count")).toHaveText(`Log · ${LINES.toLocaleString("en-US")} lines`);
  expect(await readWholeLog(page)).toEqual(expected);

  // "Jump to end" shows the last line.
  await page.getByTestId("run-logs").evaluate((box) => (box.scrollTop = 0));
  await page.getByRole("button", { name: "Jump to end" }).click();
  await expect(page.getByTestId("run-logs").getByText(`line ${LINES}`, { exact: true })).toBeVisible();
});

test("a run retried after its worker was lost shows each attempt's lines under an 'Attempt N on <worker>' divider", async ({ page, team }) => {
  test.setTimeout(150_000);
  await team.signIn(page);
  await team.api.registerComputeWorker({ name: "box-one", labels: [] });
  await team.api.registerComputeWorker({ name: "box-two", labels: [] });
  const run = await team.api.scheduleComputeWorkerRun({ name: "retried", runsOn: [], config: { say: ["hello from an attempt"], steps: 4, sleepMs: 6000 } });
  await page.goto(`/runs/${run.id}`);
  const first = startAgent({ token: team.workerToken, args: ["--name", "box-one"] });
  agent = first;
  const logs = page.getByTestId("run-logs");
  await expect(logs).toContainText("hello from an attempt", { timeout: 30_000 });
  // The first worker dies with its job; the lease runs out and the run goes back to the queue.
  first.kill("SIGKILL");
  await expect.poll(async () => (await team.api.getComputeWorkerRunInfo(run.id)).state, { timeout: 60_000 }).toBe("OPEN");
  agent = startAgent({ token: team.workerToken, args: ["--name", "box-two"] });
  await expect(page.getByTestId("run-state")).toHaveText("Completed", { timeout: 60_000 });
  await expect(logs.getByTestId("log-attempt")).toHaveText(["Attempt 1 on box-one", "Attempt 2 on box-two"]);
  expect(await readWholeLog(page)).toEqual(["Attempt 1 on box-one", "hello from an attempt", "Attempt 2 on box-two", "hello from an attempt"]);
});
