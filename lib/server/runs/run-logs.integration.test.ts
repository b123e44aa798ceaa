// Run logs read in numeric order (issue 15): a reader that follows the cursor gets every line
// once, in order, across ids 9→10, 99→100 and 999→1000, which sort wrongly as text.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { newTeam } from "@/lib/testing/fixtures";

// A database of its own, so log ids start at 1 and this run's lines cross 10, 100 and 1000.
beforeAll(async () => {
  await useFreshDatabase("run_logs");
});

const LINES = 1_600;

async function runWithLines() {
  const team = await newTeam();
  const worker = await team.admin.registerComputeWorker({ name: "logger", labels: [] });
  const run = await team.admin.scheduleComputeWorkerRun({ name: "chatty", runsOn: [] });
  const agent = await team.client("worker", worker.id);
  const [claimed] = (await agent.claimComputeWorkerRuns(worker.id, { max: 1 })).runs;
  const lines = Array.from({ length: LINES }, (_, i) => `line ${i + 1}`);
  // Appended in batches of different sizes, as an agent flushes them.
  for (let i = 0; i < lines.length; ) {
    const size = [1, 7, 93, 400][i % 4]!;
    const batch = lines.slice(i, i + size);
    await agent.appendComputeWorkerRunLogs(run.id, { leaseToken: claimed!.leaseToken, lines: batch.map((line) => ({ line })) });
    i += batch.length;
  }
  return { team, run, agent, lines, leaseToken: claimed!.leaseToken };
}

describe("reading a run's log", () => {
  it("follows the cursor through ids 10, 100 and 1000: every line once, in order, and the cursor never moves back", async () => {
    const { team, run, lines } = await runWithLines();
    for (const limit of [9, 37, 500, 1000]) {
      const seen: string[] = [];
      const ids: bigint[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await team.admin.getComputeWorkerRunLogs(run.id, { cursor, limit });
        seen.push(...page.items.map((l) => l.line));
        ids.push(...page.items.map((l) => BigInt(l.id)));
        if (cursor !== undefined) expect(BigInt(page.nextCursor!)).toBeGreaterThanOrEqual(BigInt(cursor));
        cursor = page.nextCursor ?? undefined;
        if (page.items.length < limit) break;
      }
      expect(seen).toEqual(lines);
      expect(ids.map(String)).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String));
      // The ids really do cross the boundaries where text order and numeric order differ.
      for (const boundary of [10n, 100n, 1000n]) expect(ids.some((id) => id < boundary) && ids.some((id) => id >= boundary)).toBe(true);
    }
  });

  it("answers an empty page at the end and keeps the cursor where it was", async () => {
    const { team, run } = await runWithLines();
    const all = await team.admin.getComputeWorkerRunLogs(run.id, { limit: 5000 });
    expect(all.items).toHaveLength(LINES);
    const end = await team.admin.getComputeWorkerRunLogs(run.id, { cursor: all.nextCursor!, limit: 10 });
    expect(end).toEqual({ items: [], nextCursor: all.nextCursor });
  });

  it("keeps `::progress` lines out of the log and out of the failure summary", async () => {
    const { team, run, agent, leaseToken } = await runWithLines();
    await agent.appendComputeWorkerRunLogs(run.id, { leaseToken, lines: [{ line: "::progress 50" }, { line: "after progress" }, { line: "::progress 75.5%" }] });
    const all = await team.admin.getComputeWorkerRunLogs(run.id, { limit: 5000 });
    expect(all.items).toHaveLength(LINES + 1);
    expect(all.items.at(-1)!.line).toBe("after progress");
    expect(all.items.some((l) => l.line.startsWith("::progress"))).toBe(false);
    await agent.reportComputeWorkerRun(run.id, { leaseToken, state: "RUNNING" });
    await agent.reportComputeWorkerRun(run.id, { leaseToken, state: "FAILED", exitCode: 2, message: "exited with code 2\n::progress 90\nboom" });
    const failed = await team.admin.getComputeWorkerRunInfo(run.id);
    expect(failed.message).toBe("exited with code 2\nboom");
  });
});
