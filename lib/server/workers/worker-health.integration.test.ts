// A worker that fails every run must not look healthy (issue 15): its failed runs and failure
// streak are counted, it is `failing` after RUNYARD_FAILING_AFTER_FAILURES (3) in a row, and
// with RUNYARD_AUTO_DRAIN_AFTER_FAILURES set it is drained, with an audit entry.
import { afterEach, describe, expect, it } from "vitest";
import type { RunyardClient } from "@/lib/client/runyard-client";
import { env, type Env } from "@/lib/env";
import { teamWithWorkers } from "@/lib/testing/scenario";

const cache = globalThis as unknown as { runyardEnv?: Env };
afterEach(() => {
  cache.runyardEnv = undefined;
});

async function finishOne(client: RunyardClient, workerId: string, admin: RunyardClient, state: "COMPLETED" | "FAILED") {
  await admin.scheduleComputeWorkerRun({ name: `${state.toLowerCase()}-run`, runsOn: ["flaky"] });
  const [run] = (await client.claimComputeWorkerRuns(workerId, { max: 1 })).runs;
  expect(run).toBeDefined();
  await client.reportComputeWorkerRun(run!.id, { leaseToken: run!.leaseToken, state: "RUNNING" });
  await client.reportComputeWorkerRun(run!.id, { leaseToken: run!.leaseToken, state, ...(state === "FAILED" ? { exitCode: 1 } : {}) });
}

describe("a worker's failure streak", () => {
  it("counts failures since the last completed run and marks the worker failing after 3", async () => {
    const team = await teamWithWorkers([{ name: "flaky-box", labels: ["flaky"] }]);
    const [w] = team.workers;
    const read = () => team.admin.getComputeWorkerById(w!.id);
    await finishOne(w!.client, w!.id, team.admin, "FAILED");
    await finishOne(w!.client, w!.id, team.admin, "COMPLETED");
    expect(await read()).toMatchObject({ runsCompleted: 1, runsFailed: 1, failureStreak: 0, failing: false });
    await finishOne(w!.client, w!.id, team.admin, "FAILED");
    await finishOne(w!.client, w!.id, team.admin, "FAILED");
    expect(await read()).toMatchObject({ runsFailed: 3, failureStreak: 2, failing: false });
    await finishOne(w!.client, w!.id, team.admin, "FAILED");
    expect(await read()).toMatchObject({ runsFailed: 4, failureStreak: 3, failing: true, draining: false });
    // The list says the same as the one worker.
    const listed = (await team.admin.getComputeWorkers()).items.find((x) => x.id === w!.id);
    expect(listed).toMatchObject({ failureStreak: 3, failing: true });
    // One completed run ends the streak.
    await finishOne(w!.client, w!.id, team.admin, "COMPLETED");
    expect(await read()).toMatchObject({ runsCompleted: 2, runsFailed: 4, failureStreak: 0, failing: false });
  });

  it("does not drain anyone when auto-drain is off (the default)", async () => {
    const team = await teamWithWorkers([{ name: "flaky-box", labels: ["flaky"] }]);
    const [w] = team.workers;
    for (let i = 0; i < 4; i++) await finishOne(w!.client, w!.id, team.admin, "FAILED");
    expect(await team.admin.getComputeWorkerById(w!.id)).toMatchObject({ failing: true, draining: false });
  });

  it("drains the worker after RUNYARD_AUTO_DRAIN_AFTER_FAILURES failed runs in a row, and says so in the audit log", async () => {
    cache.runyardEnv = { ...env(), RUNYARD_AUTO_DRAIN_AFTER_FAILURES: 2 };
    const team = await teamWithWorkers([{ name: "broken-box", labels: ["flaky"] }, { name: "healthy-box", labels: ["flaky"] }]);
    const [broken, healthy] = team.workers;
    await finishOne(broken!.client, broken!.id, team.admin, "FAILED");
    expect((await team.admin.getComputeWorkerById(broken!.id)).draining).toBe(false);
    await finishOne(broken!.client, broken!.id, team.admin, "FAILED");
    expect(await team.admin.getComputeWorkerById(broken!.id)).toMatchObject({ draining: true, failureStreak: 2 });
    expect((await team.admin.getComputeWorkerById(healthy!.id)).draining).toBe(false);
    const audit = await team.admin.getAuditLog();
    const entry = audit.items.find((e) => e.action === "worker.drained" && e.targetId === broken!.id);
    expect(entry).toMatchObject({ actorKind: "system", actor: "runyard", summary: expect.stringContaining("automatically after 2 failed runs in a row") });
    // Drained: the queue goes to the healthy worker, not to the broken one.
    await team.admin.scheduleComputeWorkerRun({ name: "next", runsOn: ["flaky"] });
    expect((await broken!.client.claimComputeWorkerRuns(broken!.id, { max: 1 })).runs).toEqual([]);
    expect((await healthy!.client.claimComputeWorkerRuns(healthy!.id, { max: 1 })).runs).toHaveLength(1);
  });
});
