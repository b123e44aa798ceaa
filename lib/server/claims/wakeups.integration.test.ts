// Wake-ups proportional to work and the cost of idle long-polls (docs/scaling.md), through the
// real route handlers and PostgreSQL: one run wakes about one of many idle waiters, a waiting
// poll does not claim again without a reason, and no wake-up is lost while the LISTEN
// connection is down.
import { afterAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { claimStats } from "@/lib/server/claims/claim-runs";
import { wakeups } from "@/lib/server/claims/wakeups";
import { teamWithWorkers } from "@/lib/testing/scenario";

async function eventually<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 60_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterAll(() => wakeups().close());

describe("wake-ups proportional to work", () => {
  it("a run scheduled for 30 idle long-polling workers is claimed with about one claim, not thirty", async () => {
    const { teamId, admin, workers } = await teamWithWorkers(Array.from({ length: 30 }, (_, i) => ({ labels: i % 3 === 0 ? ["gpu"] : [] })));
    await wakeups().ready();
    const polls = workers.map((w) => w.client.claimComputeWorkerRuns(w.id, { waitSeconds: 30 }).then((answer) => ({ worker: w.id, runs: answer.runs })));
    await eventually(() => wakeups().count(teamId).waiting === 30, "30 waiting long-polls");

    const before = claimStats.claims;
    const run = await admin.scheduleComputeWorkerRun({ name: "one" });
    const winner = await Promise.race(polls.map((p) => p.then((answer) => (answer.runs.length > 0 ? answer : new Promise<never>(() => undefined)))));
    expect(winner.runs.map((r) => r.id)).toEqual([run.id]);
    await eventually(() => wakeups().count(teamId).claiming === 0, "no claim in flight");
    const claims = claimStats.claims - before;
    // Before wake-ups were proportional, every one of the 30 waiters claimed (≈ 30–60 claims).
    expect(claims).toBeGreaterThanOrEqual(1);
    expect(claims).toBeLessThanOrEqual(3);
    // The 29 others are still waiting, without claiming again.
    expect(wakeups().count(teamId).waiting).toBe(29);

    // 29 more runs wake the 29 others (each takes one); nobody is left waiting.
    for (let i = 0; i < 29; i++) await admin.scheduleComputeWorkerRun({ name: `rest-${i}` });
    const answers = await Promise.all(polls);
    expect(answers.filter((a) => a.runs.length === 1)).toHaveLength(30);
    expect(new Set(answers.flatMap((a) => a.runs.map((r) => r.id))).size).toBe(30);
  });

  it("a labelled run wakes a waiter that can take it, not one that cannot", async () => {
    const { teamId, admin, workers: [cpu, gpu] } = await teamWithWorkers([{ labels: ["cpu"] }, { labels: ["gpu"] }]);
    await wakeups().ready();
    const cpuPoll = cpu!.client.claimComputeWorkerRuns(cpu!.id, { waitSeconds: 30 });
    const gpuPoll = gpu!.client.claimComputeWorkerRuns(gpu!.id, { waitSeconds: 30 });
    await eventually(() => wakeups().count(teamId).waiting === 2, "2 waiting long-polls");
    const run = await admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] });
    expect((await gpuPoll).runs.map((r) => r.id)).toEqual([run.id]);
    expect(wakeups().count(teamId).waiting).toBe(1);
    const other = await admin.scheduleComputeWorkerRun({ runsOn: ["cpu"] });
    expect((await cpuPoll).runs.map((r) => r.id)).toEqual([other.id]);
  });

  it("a worker's next poll waits without a claim when nothing it could take arrived since its last look", async () => {
    const { teamId, admin, workers: [w] } = await teamWithWorkers([{ labels: ["gpu"] }]);
    await wakeups().ready();
    // First poll: claims, finds nothing, subscribes, claims again, waits 1 s.
    expect((await w!.client.claimComputeWorkerRuns(w!.id, { waitSeconds: 1 })).runs).toEqual([]);
    const before = claimStats.claims;
    expect((await w!.client.claimComputeWorkerRuns(w!.id, { waitSeconds: 1 })).runs).toEqual([]);
    expect(claimStats.claims - before).toBe(0);
    // A run it could take, scheduled between two polls: the next poll claims it at once.
    const run = await admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] });
    await eventually(() => wakeups().known(w!.id)?.stale, "the notification to reach this instance");
    expect((await w!.client.claimComputeWorkerRuns(w!.id, { waitSeconds: 1 })).runs.map((r) => r.id)).toEqual([run.id]);
    expect(wakeups().count(teamId).waiting).toBe(0);
  });

  it("a worker that took the last run it could take waits on its next poll without a claim; one that left some behind claims", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: ["solo"] }]);
    await wakeups().ready();
    const only = await admin.scheduleComputeWorkerRun({ runsOn: ["solo"] });
    const other = await admin.scheduleComputeWorkerRun({ runsOn: ["solo"] });
    expect((await w!.client.claimComputeWorkerRuns(w!.id)).runs.map((r) => r.id)).toEqual([only.id]);
    await w!.client.reportComputeWorkerRun(only.id, { leaseToken: 1, state: "COMPLETED" });
    // One was left behind: the next poll looks at once and takes it.
    let before = claimStats.claims;
    expect((await w!.client.claimComputeWorkerRuns(w!.id, { waitSeconds: 1 })).runs.map((r) => r.id)).toEqual([other.id]);
    expect(claimStats.claims - before).toBe(1);
    await w!.client.reportComputeWorkerRun(other.id, { leaseToken: 1, state: "COMPLETED" });
    // Nothing left when it took that one: its next poll waits without a claim.
    before = claimStats.claims;
    expect((await w!.client.claimComputeWorkerRuns(w!.id, { waitSeconds: 1 })).runs).toEqual([]);
    expect(claimStats.claims - before).toBe(0);
  });

  it("resuming a drained worker wakes its waiting long-poll at once", async () => {
    const { teamId, admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    await wakeups().ready();
    await admin.drainComputeWorker(w!.id);
    const run = await admin.scheduleComputeWorkerRun({ name: "after-resume" });
    const poll = w!.client.claimComputeWorkerRuns(w!.id, { waitSeconds: 30 });
    await eventually(() => wakeups().count(teamId).waiting === 1, "the drained worker's poll waiting");
    await admin.resumeComputeWorker(w!.id);
    // Without the resume's notification the poll would end empty at its 30 s deadline.
    expect((await poll).runs.map((r) => r.id)).toEqual([run.id]);
  });

  it("a run that ends hands its dataset on: the next run of that dataset wakes a waiter with its own labels", async () => {
    const { teamId, admin, workers: [cpu, gpu] } = await teamWithWorkers([{ labels: ["cpu"] }, { labels: ["gpu"] }]);
    await wakeups().ready();
    const first = await admin.scheduleComputeWorkerRun({ name: "cpu-part", dataset: "chain", runsOn: ["cpu"] });
    expect((await cpu!.client.claimComputeWorkerRuns(cpu!.id)).runs.map((r) => r.id)).toEqual([first.id]);
    const poll = gpu!.client.claimComputeWorkerRuns(gpu!.id, { waitSeconds: 30 });
    await eventually(() => wakeups().count(teamId).waiting === 1, "the gpu worker waiting");
    const second = await admin.scheduleComputeWorkerRun({ name: "gpu-part", dataset: "chain", runsOn: ["gpu"] });
    await cpu!.client.reportComputeWorkerRun(first.id, { leaseToken: 1, state: "COMPLETED" });
    // The ended run needed [cpu]; the notification names the next run's [gpu], so the gpu
    // worker is woken now, not at the queue check (≥ 48 s, after this poll's 30 s).
    expect((await poll).runs.map((r) => r.id)).toEqual([second.id]);
  });
});

describe("no lost wake-up", () => {
  it("a run scheduled while the LISTEN connection is down is picked up as soon as it is back", async () => {
    const { teamId, admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    await wakeups().ready();
    const poll = w!.client.claimComputeWorkerRuns(w!.id, { waitSeconds: 30 });
    await eventually(() => wakeups().count(teamId).waiting === 1, "a waiting long-poll");
    const reconnects = wakeups().stats.reconnects;

    const release = wakeups().holdReconnects();
    const pid = wakeups().listenPid;
    expect(pid).toBeGreaterThan(0);
    await pool().query("SELECT pg_terminate_backend($1)", [pid]);
    await eventually(() => !wakeups().listening, "the LISTEN connection to be lost");
    // Nobody listens on this instance now: this run's notification reaches no one here.
    const run = await admin.scheduleComputeWorkerRun({ name: "while-down" });
    expect(wakeups().count(teamId).waiting).toBe(1);
    release();
    // The safety re-check is 60 s (±20 %) and the poll waits 30 s: only the re-established
    // connection (which wakes every waiter once) can hand the run over before the poll ends.
    const { runs } = await poll;
    expect(runs.map((r) => r.id)).toEqual([run.id]);
    expect(wakeups().stats.reconnects).toBe(reconnects + 1);
    expect(wakeups().listening).toBe(true);
  });

  it("the oldest waiter goes first; the next run wakes the next one", async () => {
    const { teamId, admin, workers: [a, b] } = await teamWithWorkers([{ labels: [] }, { labels: [] }]);
    await wakeups().ready();
    const aPoll = a!.client.claimComputeWorkerRuns(a!.id, { waitSeconds: 30 });
    await eventually(() => wakeups().count(teamId).waiting === 1, "a waiting");
    const bPoll = b!.client.claimComputeWorkerRuns(b!.id, { waitSeconds: 30 });
    await eventually(() => wakeups().count(teamId).waiting === 2, "b waiting");
    const run = await admin.scheduleComputeWorkerRun({ name: "only" });
    const first = await Promise.race([aPoll.then((r) => ["a", r] as const), bPoll.then((r) => ["b", r] as const)]);
    expect(first[0]).toBe("a");
    expect(first[1].runs.map((r) => r.id)).toEqual([run.id]);
    const second = await admin.scheduleComputeWorkerRun({ name: "second" });
    expect((await bPoll).runs.map((r) => r.id)).toEqual([second.id]);
  });

  it("a run left OPEN without a notification is picked up by the instance's queue check, not by each waiter", async () => {
    const { teamId, admin, workers: [holder, waiter] } = await teamWithWorkers([{ labels: ["hold"] }, { labels: [] }]);
    await wakeups().ready();
    const first = await admin.scheduleComputeWorkerRun({ name: "holds-d", dataset: "d", runsOn: ["hold"] });
    expect((await holder!.client.claimComputeWorkerRuns(holder!.id)).runs.map((r) => r.id)).toEqual([first.id]);
    const poll = waiter!.client.claimComputeWorkerRuns(waiter!.id, { waitSeconds: 30 });
    await eventually(() => wakeups().count(teamId).waiting === 1, "a waiting long-poll");
    // Behind the held dataset: its notification wakes the waiter, whose claim finds nothing.
    const woken = wakeups().stats.woken;
    const second = await admin.scheduleComputeWorkerRun({ name: "waits-for-d", dataset: "d" });
    await eventually(() => wakeups().stats.woken > woken && wakeups().count(teamId).waiting === 1, "the woken claim to come back empty");
    // The dataset is freed without any notification (triggers off in this session), and the
    // run made older than the check's 2 s grace: only the queue check can hand it over now.
    const silent = await pool().connect();
    try {
      await silent.query("SET session_replication_role = replica");
      await silent.query("UPDATE runs SET state = 'COMPLETED', finished_at = now() WHERE id = $1", [first.id]);
      await silent.query("UPDATE runs SET created_at = created_at - interval '1 minute' WHERE id = $1", [second.id]);
    } finally {
      await silent.query("RESET session_replication_role");
      silent.release();
    }
    const before = claimStats.claims;
    await wakeups().checkQueue();
    expect((await poll).runs.map((r) => r.id)).toEqual([second.id]);
    expect(claimStats.claims - before).toBe(1);
  });
});
