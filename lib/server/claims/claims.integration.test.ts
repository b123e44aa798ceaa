// Claims through the HTTP layer (real route handlers, real PostgreSQL): who gets what, in
// which order, exactly once, respecting capacity, draining and dataset exclusivity.
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { wakeups } from "@/lib/server/claims/wakeups";
import { claimAndComplete, teamWithWorkers } from "@/lib/testing/scenario";
import { newTeam, uniqueName } from "@/lib/testing/fixtures";

describe("label matching, through claims (the seed's own examples)", () => {
  it("worker [gpu-A100, gpu, bobs_worker, team_worker] takes a run with runsOn [gpu-A100]", async () => {
    const { admin, workers: [bob] } = await teamWithWorkers([{ labels: ["gpu-A100", "gpu", "bobs_worker", "team_worker"] }]);
    const run = await admin.scheduleComputeWorkerRun({ runsOn: ["gpu-A100"] });
    const { runs } = await bob!.client.claimComputeWorkerRuns(bob!.id);
    expect(runs.map((r) => r.id)).toEqual([run.id]);
    expect(runs[0]).toMatchObject({ state: "LOCKED", workerId: bob!.id, workerName: bob!.name, attempt: 1, leaseToken: 1 });
  });

  it("an unlabeled worker takes a run with runsOn", async () => {
    const { admin, workers: [any] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({ runsOn: ["gpu", "aws_1"] });
    expect((await any!.client.claimComputeWorkerRuns(any!.id)).runs.map((r) => r.id)).toEqual([run.id]);
  });

  it("a run without runsOn is taken by a labeled worker", async () => {
    const { admin, workers: [gpu] } = await teamWithWorkers([{ labels: ["gpu"] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    expect((await gpu!.client.claimComputeWorkerRuns(gpu!.id)).runs.map((r) => r.id)).toEqual([run.id]);
  });

  it("a worker lacking one label never receives the run, while one that has them all does", async () => {
    const { admin, workers: [gpuOnly, both] } = await teamWithWorkers([{ labels: ["gpu"] }, { labels: ["gpu", "aws_1"] }]);
    const run = await admin.scheduleComputeWorkerRun({ runsOn: ["gpu", "aws_1"] });
    expect((await gpuOnly!.client.claimComputeWorkerRuns(gpuOnly!.id, { max: 10 })).runs).toEqual([]);
    expect((await both!.client.claimComputeWorkerRuns(both!.id)).runs.map((r) => r.id)).toEqual([run.id]);
    expect((await gpuOnly!.client.claimComputeWorkerRuns(gpuOnly!.id, { max: 10 })).runs).toEqual([]);
  });

  it("labels are case-sensitive: [GPU] is not [gpu]", async () => {
    const { admin, workers: [gpu] } = await teamWithWorkers([{ labels: ["gpu"] }]);
    await admin.scheduleComputeWorkerRun({ runsOn: ["GPU"] });
    expect((await gpu!.client.claimComputeWorkerRuns(gpu!.id)).runs).toEqual([]);
  });
});

describe("order of pickup", () => {
  it("takes CRITICAL first, then HIGH, MID, LOW; oldest first within a priority", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const order: [string, "LOW" | "MID" | "HIGH" | "CRITICAL"][] = [["low-1", "LOW"], ["mid-1", "MID"], ["crit-1", "CRITICAL"], ["high-1", "HIGH"], ["mid-2", "MID"], ["crit-2", "CRITICAL"]];
    for (const [name, priority] of order) await admin.scheduleComputeWorkerRun({ name, priority });
    const taken: string[] = [];
    for (let run = await claimAndComplete(w!.client, w!.id); run; run = await claimAndComplete(w!.client, w!.id)) taken.push(run.name!);
    expect(taken).toEqual(["crit-1", "crit-2", "high-1", "mid-1", "mid-2", "low-1"]);
  });

  it("keeps that order across label sets: a worker eligible for several takes the best head first", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: ["gpu", "cpu"], maxConcurrency: 3 }]);
    await admin.scheduleComputeWorkerRun({ name: "cpu-mid", runsOn: ["cpu"] });
    await admin.scheduleComputeWorkerRun({ name: "gpu-high", runsOn: ["gpu"], priority: "HIGH" });
    await admin.scheduleComputeWorkerRun({ name: "any-mid", priority: "MID" });
    await admin.scheduleComputeWorkerRun({ name: "any-low", priority: "LOW" });
    const { runs } = await w!.client.claimComputeWorkerRuns(w!.id, { max: 10 });
    expect(runs.map((r) => r.name)).toEqual(["gpu-high", "cpu-mid", "any-mid"]);
  });
});

describe("capacity and draining", () => {
  it("never hands a worker more runs than its maxConcurrency", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [], maxConcurrency: 2 }]);
    for (let i = 0; i < 5; i++) await admin.scheduleComputeWorkerRun({ name: `r${i}` });
    expect((await w!.client.claimComputeWorkerRuns(w!.id, { max: 5 })).runs).toHaveLength(2);
    expect((await w!.client.claimComputeWorkerRuns(w!.id, { max: 5 })).runs).toHaveLength(0);
    const worker = await admin.getComputeWorkerById(w!.id);
    expect(worker.state).toBe("BUSY");
    expect(worker.currentRuns).toHaveLength(2);
  });

  it("never exceeds maxConcurrency when one worker's claims race each other", async () => {
    // Concurrent claims for one worker queue on its row lock; each must count what the one
    // before it took (a count read before the wait would see none of it).
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [], maxConcurrency: 2 }]);
    for (let i = 0; i < 40; i++) await admin.scheduleComputeWorkerRun({ name: `race-${i}` });
    const handed = await Promise.all(Array.from({ length: 12 }, () => w!.client.claimComputeWorkerRuns(w!.id, { max: 2 })));
    expect(handed.flatMap((c) => c.runs)).toHaveLength(2);
    const { rows } = await pool().query("SELECT count(*)::int AS n FROM runs WHERE worker_id = $1 AND state IN ('LOCKED', 'RUNNING')", [w!.id]);
    expect(rows[0].n).toBe(2);
  });

  it("gives a draining worker nothing, and runs again once resumed", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    await admin.scheduleComputeWorkerRun({});
    expect((await admin.drainComputeWorker(w!.id)).draining).toBe(true);
    expect((await w!.client.claimComputeWorkerRuns(w!.id)).runs).toEqual([]);
    await admin.resumeComputeWorker(w!.id);
    expect((await w!.client.claimComputeWorkerRuns(w!.id)).runs).toHaveLength(1);
  });
});

describe("exactly once", () => {
  it("16 concurrent claimers over 2,000 runs: every run is claimed once and completed once, none lost", async () => {
    const labelSets = [[], ["gpu"], ["cpu"], ["gpu", "gpu-A100"]];
    const team = await newTeam();
    const claimers = [];
    for (let i = 0; i < 16; i++) {
      const labels = i % 4 === 0 ? [] : i % 4 === 1 ? ["gpu", "gpu-A100"] : i % 4 === 2 ? ["cpu"] : ["gpu", "cpu", "gpu-A100"];
      const worker = await team.admin.registerComputeWorker({ name: uniqueName("w"), labels, maxConcurrency: 4 });
      claimers.push({ worker, client: await team.client("worker", worker.id) });
    }
    // 2,000 runs, inserted in bulk through SQL so the test spends its time claiming.
    const { rows: sets } = await pool().query<{ id: string; labels: string[] }>(
      `INSERT INTO label_sets (team_id, labels) SELECT $1, l::text[] FROM unnest($2::text[]) l
       ON CONFLICT (team_id, labels) DO UPDATE SET labels = EXCLUDED.labels RETURNING id, labels`,
      [team.teamId, labelSets.map((l) => `{${l.join(",")}}`)],
    );
    await pool().query(
      `INSERT INTO runs (team_id, label_set_id, runs_on, name)
       SELECT $1, (($2::bigint[])[1 + i % 4]), (($3::text[])[1 + i % 4])::text[], 'run-' || i FROM generate_series(0, 1999) i`,
      [team.teamId, sets.map((s) => s.id), sets.map((s) => `{${s.labels.join(",")}}`)],
    );
    const completedBy = new Map<string, string[]>();
    await Promise.all(
      claimers.map(async ({ worker, client }) => {
        for (;;) {
          const { runs } = await client.claimComputeWorkerRuns(worker.id, { max: 4 });
          if (runs.length === 0) return;
          for (const run of runs) {
            await client.reportComputeWorkerRun(run.id, { leaseToken: run.leaseToken, state: "COMPLETED" });
            completedBy.set(run.id, [...(completedBy.get(run.id) ?? []), worker.name]);
          }
        }
      }),
    );
    expect(completedBy.size).toBe(2000);
    expect([...completedBy.values()].filter((by) => by.length !== 1)).toEqual([]);
    const { rows } = await pool().query<{ state: string; attempt: number; claims: number; n: number }>(
      `SELECT r.state, r.attempt, (SELECT count(*) FROM run_events e WHERE e.run_id = r.id AND e.type = 'CLAIMED')::int AS claims, count(*)::int AS n
         FROM runs r WHERE r.team_id = $1 GROUP BY 1, 2, 3`,
      [team.teamId],
    );
    expect(rows).toEqual([{ state: "COMPLETED", attempt: 1, claims: 1, n: 2000 }]);
  });
});

describe("dataset exclusivity", () => {
  it("never lets two runs of one dataset be held at once, even under concurrent claims", async () => {
    const { admin, workers } = await teamWithWorkers(Array.from({ length: 8 }, () => ({ labels: [], maxConcurrency: 3 })));
    for (let i = 0; i < 12; i++) await admin.scheduleComputeWorkerRun({ name: `ds-${i}`, dataset: "cityscapes" });
    for (let i = 0; i < 6; i++) await admin.scheduleComputeWorkerRun({ name: `free-${i}` });
    let held = 0;
    let maxHeld = 0;
    const done: string[] = [];
    await Promise.all(
      workers.map(async (w) => {
        for (let idle = 0; idle < 30; ) {
          const { runs } = await w.client.claimComputeWorkerRuns(w.id, { max: 3 });
          if (runs.length === 0) {
            idle++;
            await new Promise((r) => setTimeout(r, 5));
            continue;
          }
          const mine = runs.filter((r) => r.dataset === "cityscapes");
          held += mine.length;
          maxHeld = Math.max(maxHeld, held);
          await new Promise((r) => setTimeout(r, 2));
          for (const run of runs) {
            if (run.dataset) held--;
            await w.client.reportComputeWorkerRun(run.id, { leaseToken: run.leaseToken, state: "COMPLETED" });
            done.push(run.name!);
          }
        }
      }),
    );
    expect(maxHeld).toBe(1);
    expect(done.sort()).toEqual([...Array.from({ length: 12 }, (_, i) => `ds-${i}`), ...Array.from({ length: 6 }, (_, i) => `free-${i}`)].sort());
  });

  it("says which run an OPEN run waits behind", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const first = await admin.scheduleComputeWorkerRun({ name: "first", dataset: "d1" });
    const second = await admin.scheduleComputeWorkerRun({ name: "second", dataset: "d1" });
    await w!.client.claimComputeWorkerRuns(w!.id);
    expect((await admin.getComputeWorkerRunInfo(second.id)).waitingBehind).toMatchObject({ id: first.id, name: "first", state: "LOCKED" });
    const explain = await admin.explainComputeWorkerRun(second.id);
    expect(explain.pickable).toBe(false);
    expect(explain.hints.join(" ")).toContain('waits behind run first (LOCKED), which holds dataset "d1"');
  });
});

describe("long-poll wake-ups (LISTEN/NOTIFY)", () => {
  it("wakes a waiting claim when a run it may take is scheduled from another connection", async () => {
    const team = await newTeam();
    await wakeups().ready();
    const subscription = wakeups().subscribe(team.teamId, ["gpu"]);
    const other = await teamWithWorkers([]);
    await other.admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] }); // another team: must not wake us
    await team.admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] });
    expect(await subscription.wait(30_000)).toBe(true);
  });

  it("does not wake a waiter whose labels do not match", async () => {
    const team = await newTeam();
    await wakeups().ready();
    const subscription = wakeups().subscribe(team.teamId, ["cpu"]);
    await team.admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] });
    expect(await subscription.wait(500)).toBe(false);
  });

  it("returns a long-polling claim with the run as soon as it is scheduled", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: ["gpu"] }]);
    const claim = w!.client.claimComputeWorkerRuns(w!.id, { waitSeconds: 25 });
    await new Promise((r) => setTimeout(r, 200));
    const run = await admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] });
    expect((await claim).runs.map((r) => r.id)).toEqual([run.id]);
  });
});
