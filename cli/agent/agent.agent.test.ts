// The worker agent as users run it: real `runyard worker start` processes against the built
// app on a real port, running a real job script, with real PostgreSQL underneath.
import { afterEach, describe, expect, it } from "vitest";
import { RunyardApiError } from "@/lib/client/errors";
import { canTake } from "@/lib/domain/matching";
import { eventually, isAlive, startStack, type LedgerEntry } from "@/lib/testing/agent-harness";

type Stack = Awaited<ReturnType<typeof startStack>>;
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const finished = (s: string) => ["COMPLETED", "FAILED", "ABORTED", "CANCELED", "CRASHED"].includes(s);

async function allFinished(s: Stack, ids: string[]) {
  return eventually(async () => {
    const runs = await Promise.all(ids.map((id) => s.admin().getComputeWorkerRunInfo(id)));
    return runs.every((r) => finished(r.state)) && runs;
  }, `${ids.length} runs to finish`, 90_000);
}

/** The most jobs of one worker that were running at the same moment, from the ledger. */
function maxOverlap(entries: LedgerEntry[], worker: string): number {
  const events = entries.filter((e) => e.worker === worker && (e.event === "start" || e.event === "end")).sort((a, b) => a.t - b.t || (a.event === "end" ? -1 : 1));
  let running = 0;
  let max = 0;
  for (const e of events) max = Math.max(max, (running += e.event === "start" ? 1 : -1));
  return max;
}

describe("agents with labels take only the runs they may take", () => {
  it("three agents [gpu, gpu-A100], [cpu], [] complete a mix of runs, each on an allowed worker", async () => {
    stack = await startStack();
    const s = stack;
    await s.agent(["--name", "gpu-a100", "--labels", "gpu,gpu-A100"]);
    await s.agent(["--name", "cpu-1", "--labels", "cpu"]);
    await s.agent(["--name", "anything"]);
    const workers = await eventually(async () => {
      const page = await s.admin().getComputeWorkers({ state: ["IDLE"] });
      return page.items.length === 3 && page.items;
    }, "three agents online");
    const runsOn = [["gpu"], ["gpu", "gpu-A100"], ["cpu"], [], ["tpu"], ["gpu"], ["cpu"], []];
    const scheduled = [];
    for (const [i, labels] of runsOn.entries()) {
      scheduled.push(await s.admin().scheduleComputeWorkerRun({ name: `mix-${i}`, runsOn: labels, config: { sleepMs: 300 } }));
    }
    const runs = await allFinished(s, scheduled.map((r) => r.id));
    const byId = new Map(workers.map((w) => [w.id, w]));
    for (const run of runs) {
      expect(run.state, run.name!).toBe("COMPLETED");
      expect(canTake(byId.get(run.workerId!)!.labels, run.runsOn), `${run.name} on ${run.workerName}`).toBe(true);
    }
    // [tpu] only the unlabeled worker may take: it did, so the unlabeled worker takes runs too.
    expect(runs.find((r) => r.name === "mix-4")!.workerName).toBe("anything");
    expect(s.ledger().filter((e) => e.event === "start")).toHaveLength(runsOn.length);
  });

  it("two agents started without a worker id get two different default workers, and both take runs", async () => {
    stack = await startStack();
    const s = stack;
    await s.agent([]);
    await s.agent([]);
    const defaults = await eventually(async () => {
      const page = await s.admin().getComputeWorkers({ state: ["IDLE"] });
      return page.items.length === 2 && page.items;
    }, "two default workers online");
    expect(defaults.map((w) => w.name).sort()).toEqual(["default", "default-2"]);
    expect(defaults.every((w) => w.isDefault && w.labels.length === 0)).toBe(true);
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await s.admin().scheduleComputeWorkerRun({ runsOn: i % 2 ? ["gpu"] : [], config: { sleepMs: 800 } })).id);
    const runs = await allFinished(s, ids);
    expect(runs.every((r) => r.state === "COMPLETED")).toBe(true);
    expect(new Set(runs.map((r) => r.workerId))).toEqual(new Set(defaults.map((w) => w.id)));
  });
});

describe("concurrency", () => {
  it("--concurrency 3 runs three jobs at once; --concurrency 1 never overlaps", async () => {
    stack = await startStack();
    const s = stack;
    await s.agent(["--name", "wide", "--labels", "wide", "--concurrency", "3"]);
    await s.agent(["--name", "narrow", "--labels", "narrow", "--concurrency", "1"]);
    const [narrow, wide] = await eventually(async () => {
      const page = await s.admin().getComputeWorkers({ state: ["IDLE"] });
      return page.items.length === 2 && page.items;
    }, "both agents online");
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await s.admin().scheduleComputeWorkerRun({ runsOn: ["wide"], config: { sleepMs: 1500 } })).id);
    for (let i = 0; i < 3; i++) ids.push((await s.admin().scheduleComputeWorkerRun({ runsOn: ["narrow"], config: { sleepMs: 400 } })).id);
    const runs = await allFinished(s, ids);
    expect(runs.every((r) => r.state === "COMPLETED")).toBe(true);
    expect(maxOverlap(s.ledger(), wide!.id)).toBe(3);
    expect(maxOverlap(s.ledger(), narrow!.id)).toBe(1);
  });
});

/** The sum of a Prometheus counter's samples whose line holds every one of `parts`. */
function sumOf(text: string, ...parts: string[]): number {
  return text.split("\n").filter((line) => parts.every((part) => line.includes(part))).reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

describe("fewer requests per run", () => {
  it("a queue drained one run at a time takes its runs with the final reports (complete-and-claim); --concurrency 3 reports in batches", async () => {
    stack = await startStack();
    const s = stack;
    // Runs scheduled before the agents start: each agent's first claim finds work, and from then
    // on its final reports claim the next runs, so it hardly needs the claim route at all.
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push((await s.admin().scheduleComputeWorkerRun({ runsOn: ["serial"], config: { sleepMs: 50 } })).id);
    for (let i = 0; i < 12; i++) ids.push((await s.admin().scheduleComputeWorkerRun({ runsOn: ["batched"], config: { sleepMs: 50 } })).id);
    await s.agent(["--name", "serial", "--labels", "serial", "--concurrency", "1"]);
    await s.agent(["--name", "batched", "--labels", "batched", "--concurrency", "3"]);
    const runs = await allFinished(s, ids);
    expect(runs.every((r) => r.state === "COMPLETED")).toBe(true);
    const metrics = await s.admin().getMetrics();
    const claimRequests = sumOf(metrics, "runyard_http_requests_total{", 'route="/api/v1/workers/{id}/claim"', 'status="200"');
    const claimed = sumOf(metrics, "runyard_claimed_runs_total{");
    const batches = sumOf(metrics, "runyard_http_requests_total{", 'route="/api/v1/workers/{id}/reports"', 'status="200"');
    expect(claimed).toBeGreaterThanOrEqual(20);
    // Without complete-and-claim every run would need a claim request of its own (20 or more).
    expect(claimRequests).toBeLessThan(12);
    expect(batches).toBeGreaterThan(0);
  });
});

describe("crashes and cancels", () => {
  it("kill -9 of an agent mid-job: the run is re-queued after the lease and completed by another agent exactly once", async () => {
    stack = await startStack();
    const s = stack;
    const doomed = await s.agent(["--name", "doomed", "--labels", "gpu"]);
    await eventually(async () => (await s.admin().getComputeWorkers({ state: ["IDLE"] })).items.length === 1, "doomed agent online");
    const run = await s.admin().scheduleComputeWorkerRun({ runsOn: ["gpu"], config: { sleepMs: 4000, steps: 8 } });
    const firstStart = await eventually(() => s.ledger().find((e) => e.event === "start" && e.run === run.id), "the job to start");
    doomed.process.kill("SIGKILL");
    // The job dies with its agent: it must not keep running beside its replacement.
    await eventually(() => !isAlive(firstStart.pid), "the orphaned job to be stopped", 15_000);

    await s.agent(["--name", "rescuer", "--labels", "gpu"]);
    const done = await eventually(async () => {
      const r = await s.admin().getComputeWorkerRunInfo(run.id);
      return finished(r.state) && r;
    }, "the run to finish elsewhere", 60_000);
    expect(done).toMatchObject({ state: "COMPLETED", attempt: 2, workerName: "rescuer" });
    expect(done.events.map((e) => e.type)).toContain("REQUEUED");
    const ends = s.ledger().filter((e) => e.run === run.id && e.event === "end");
    expect(ends.map((e) => e.attempt)).toEqual([2]);
    // The killed attempt's late report is refused and changes nothing.
    const late = await s.admin().reportComputeWorkerRun(run.id, { leaseToken: 1, state: "COMPLETED" }).catch((e: RunyardApiError) => e);
    expect((late as RunyardApiError).status).toBe(409);
    expect((await s.admin().getComputeWorkerRunInfo(run.id)).attempt).toBe(2);
  });

  it("cancel during a job: its process is gone within the grace period and the run ends ABORTED", async () => {
    stack = await startStack();
    const s = stack;
    await s.agent(["--name", "stubborn", "--grace-seconds", "1"]);
    await eventually(async () => (await s.admin().getComputeWorkers({ state: ["IDLE"] })).items.length === 1, "agent online");
    const polite = await s.admin().scheduleComputeWorkerRun({ name: "polite", config: { sleepMs: 60_000 } });
    const politeStart = await eventually(() => s.ledger().find((e) => e.event === "start" && e.run === polite.id), "polite job to start");
    await s.admin().cancelComputeWorkerRun(polite.id);
    await eventually(async () => (await s.admin().getComputeWorkerRunInfo(polite.id)).state === "ABORTED", "polite run ABORTED");
    expect(isAlive(politeStart.pid)).toBe(false);
    expect(s.ledger().some((e) => e.run === polite.id && e.event === "sigterm")).toBe(true);

    // A job that ignores SIGTERM is killed after the grace period.
    const deaf = await s.admin().scheduleComputeWorkerRun({ name: "deaf", config: { sleepMs: 60_000, ignoreTerm: true } });
    const deafStart = await eventually(() => s.ledger().find((e) => e.event === "start" && e.run === deaf.id), "deaf job to start");
    await s.admin().cancelComputeWorkerRun(deaf.id);
    await eventually(async () => (await s.admin().getComputeWorkerRunInfo(deaf.id)).state === "ABORTED", "deaf run ABORTED");
    expect(isAlive(deafStart.pid)).toBe(false);
    expect(s.ledger().some((e) => e.run === deaf.id && e.event === "sigterm-ignored")).toBe(true);
  });

  it("reports a failing job as FAILED with its exit code and last output", async () => {
    stack = await startStack();
    const s = stack;
    await s.agent([]);
    const run = await s.admin().scheduleComputeWorkerRun({ config: { exitCode: 3, fail: "CUDA error: out of memory" } });
    const [done] = await allFinished(s, [run.id]);
    expect(done).toMatchObject({ state: "FAILED", exitCode: 3 });
    expect(done!.message).toContain("exited with code 3");
    expect(done!.message).toContain("CUDA error: out of memory");
    const logs = await s.admin().getComputeWorkerRunLogs(run.id);
    expect(logs.items.map((l) => l.line)).toContain("CUDA error: out of memory");
    // The job printed `::progress 100`: progress, not output (issue 15) — in neither the log nor the summary.
    expect(done!.message).not.toContain("::progress");
    expect(logs.items.some((l) => l.line.startsWith("::progress"))).toBe(false);
  });
});

describe("stopping and restarts", () => {
  it("SIGTERM to the agent: it takes no more runs, lets the running job finish, and exits 0", async () => {
    stack = await startStack();
    const s = stack;
    const agent = await s.agent(["--name", "drainer"]);
    await eventually(async () => (await s.admin().getComputeWorkers({ state: ["IDLE"] })).items.length === 1, "agent online");
    const running = await s.admin().scheduleComputeWorkerRun({ name: "long", config: { sleepMs: 2000 } });
    await eventually(() => s.ledger().find((e) => e.event === "start" && e.run === running.id), "job to start");
    agent.process.kill("SIGTERM");
    const waiting = await s.admin().scheduleComputeWorkerRun({ name: "after-stop", config: { sleepMs: 10 } });
    expect(await agent.exited).toBe(0);
    expect((await s.admin().getComputeWorkerRunInfo(running.id)).state).toBe("COMPLETED");
    expect((await s.admin().getComputeWorkerRunInfo(waiting.id)).state).toBe("OPEN");
  });

  it("the API restarted while agents run: no run lost or run twice", async () => {
    stack = await startStack({ RUNYARD_LEASE_S: "10", RUNYARD_WORKER_OFFLINE_AFTER_S: "10", RUNYARD_SWEEP_INTERVAL_MS: "200" });
    const s = stack;
    await s.agent(["--name", "steady-1", "--concurrency", "2"]);
    await s.agent(["--name", "steady-2", "--concurrency", "2"]);
    await eventually(async () => (await s.admin().getComputeWorkers({ state: ["IDLE"] })).items.length === 2, "agents online");
    const ids = [];
    for (let i = 0; i < 24; i++) ids.push((await s.admin().scheduleComputeWorkerRun({ name: `r${i}`, config: { sleepMs: 400 } })).id);
    await eventually(() => s.ledger().filter((e) => e.event === "end").length >= 4, "some runs done before the restart");
    await s.restartServer(1500);
    const runs = await allFinished(s, ids);
    expect(runs.map((r) => r.state)).toEqual(ids.map(() => "COMPLETED"));
    const starts = s.ledger().filter((e) => e.event === "start");
    const startsPerRun = new Map<string, number>();
    for (const e of starts) startsPerRun.set(e.run, (startsPerRun.get(e.run) ?? 0) + 1);
    expect([...startsPerRun.values()], "each run's job started exactly once").toEqual(ids.map(() => 1));
  });
});
