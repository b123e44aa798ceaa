// Worker lifecycle: default workers, retiring, and the matching previews (match, explain).
import { describe, expect, it } from "vitest";
import { RunyardApiError } from "@/lib/client/errors";
import { pool } from "@/lib/db/pool";
import { newTeam } from "@/lib/testing/fixtures";
import { teamWithWorkers } from "@/lib/testing/scenario";

async function refusal(promise: Promise<unknown>): Promise<RunyardApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RunyardApiError);
  return error as RunyardApiError;
}

describe("default workers", () => {
  it("gives two agents started without an id two different default workers, and both take every run", async () => {
    const team = await newTeam();
    const agent = await team.client("worker");
    const first = await agent.getDefaultComputeWorker({ info: { hostname: "box-a" } });
    const second = await agent.getDefaultComputeWorker({ info: { hostname: "box-b" } });
    expect([first.name, second.name]).toEqual(["default", "default-2"]);
    expect(first).toMatchObject({ isDefault: true, labels: [], state: "IDLE" });
    await team.admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] });
    await team.admin.scheduleComputeWorkerRun({ runsOn: ["cpu"] });
    expect((await agent.claimComputeWorkerRuns(first.id)).runs).toHaveLength(1);
    expect((await agent.claimComputeWorkerRuns(second.id)).runs).toHaveLength(1);
  });

  it("hands a default worker that went offline to the next agent instead of making a new one", async () => {
    const team = await newTeam();
    const agent = await team.client("worker");
    const first = await agent.getDefaultComputeWorker();
    await pool().query("UPDATE workers SET last_seen_at = now() - interval '1 hour' WHERE id = $1", [first.id]);
    const again = await agent.getDefaultComputeWorker();
    expect(again.id).toBe(first.id);
  });

  it("converges concurrent requests on distinct default workers", async () => {
    const team = await newTeam();
    const agent = await team.client("worker");
    const workers = await Promise.all(Array.from({ length: 6 }, () => agent.getDefaultComputeWorker()));
    expect(new Set(workers.map((w) => w.id)).size).toBe(6);
  });

  it("refuses a token bound to a worker: that agent must run as its worker", async () => {
    const { workers: [w], client } = await teamWithWorkers([{ labels: ["gpu"] }]);
    const bound = await client("worker", w!.id);
    expect((await refusal(bound.getDefaultComputeWorker())).status).toBe(403);
  });
});

describe("retiring a worker", () => {
  it("re-queues its held runs at once, drops it from lists, and its id can no longer claim", async () => {
    const { admin, workers: [old, other] } = await teamWithWorkers([{ labels: [] }, { labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    await old!.client.claimComputeWorkerRuns(old!.id);
    await admin.deleteComputeWorker(old!.id);
    expect((await admin.getComputeWorkerRunInfo(run.id))).toMatchObject({ state: "OPEN", workerId: null });
    expect((await admin.getComputeWorkers()).items.map((w) => w.id)).toEqual([other!.id]);
    expect((await refusal(admin.getComputeWorkerById(old!.id))).status).toBe(404);
    // The bound token of the retired worker is refused outright.
    expect((await refusal(old!.client.claimComputeWorkerRuns(old!.id))).status).toBe(401);
    expect((await refusal(admin.claimComputeWorkerRuns(old!.id))).status).toBe(404);
    expect((await other!.client.claimComputeWorkerRuns(other!.id)).runs.map((r) => r.id)).toEqual([run.id]);
  });

  it("lets the name be registered again, as a new worker with new labels", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ name: "gpu-box-7", labels: ["gpu"] }]);
    await admin.deleteComputeWorker(w!.id);
    const reborn = await admin.registerComputeWorker({ name: "gpu-box-7", labels: ["gpu", "gpu-H100"] });
    expect(reborn.id).not.toBe(w!.id);
  });
});

describe("match: which workers could take a run with this runsOn", () => {
  it("lists eligible workers online or not, with counts", async () => {
    const { admin, workers } = await teamWithWorkers([
      { name: "a100-1", labels: ["gpu", "gpu-A100"] },
      { name: "h100-1", labels: ["gpu", "gpu-H100"] },
      { name: "any-1", labels: [] },
    ]);
    await workers[0]!.client.heartbeatComputeWorker(workers[0]!.id);
    const match = await admin.matchComputeWorkers(["gpu", "gpu-A100"]);
    expect(match.eligible.map((w) => w.name)).toEqual(["a100-1", "any-1"]);
    expect(match.counts).toEqual({ workers: 3, eligible: 2, online: 1, idle: 1 });
    expect(match.closest).toBeNull();
  });

  it("names the closest worker, what it lacks, and a case mismatch, when nobody can take it", async () => {
    const { admin } = await teamWithWorkers([{ name: "gpu-box", labels: ["gpu", "gpu-A100"] }, { name: "cpu-box", labels: ["cpu"] }]);
    const match = await admin.matchComputeWorkers(["GPU", "gpu-A100"]);
    expect(match.eligible).toEqual([]);
    expect(match.closest).toMatchObject({ worker: { name: "gpu-box" }, missing: ["GPU"], caseMismatches: [{ wanted: "GPU", has: "gpu" }] });
    expect(match.hints.join(" ")).toContain('did you mean "gpu"?');
  });

  it("refuses a bad label in the query with 400 naming it", async () => {
    const { admin } = await teamWithWorkers([]);
    const error = await refusal(admin.matchComputeWorkers(["ok", "not ok"]));
    expect(error.status).toBe(400);
    expect(error.problem.detail).toContain('"not ok"');
  });
});

describe("explain: why a run is not picked up", () => {
  it("counts every worker once, under the first reason that rules it out", async () => {
    const { admin, workers } = await teamWithWorkers([
      { name: "cpu-1", labels: ["cpu"] },
      { name: "cpu-2", labels: ["cpu"] },
      { name: "gpu-offline", labels: ["gpu", "gpu-A100"] },
      { name: "gpu-busy", labels: ["gpu", "gpu-A100"] },
      { name: "gpu-draining", labels: ["gpu", "gpu-A100"] },
      { name: "gpu-h100", labels: ["gpu", "gpu-H100"] },
    ]);
    const [, , , busy, draining] = workers;
    await admin.scheduleComputeWorkerRun({ name: "occupier", runsOn: ["gpu"] });
    await busy!.client.claimComputeWorkerRuns(busy!.id);
    await draining!.client.heartbeatComputeWorker(draining!.id);
    await admin.drainComputeWorker(draining!.id);
    const run = await admin.scheduleComputeWorkerRun({ runsOn: ["gpu", "gpu-A100"] });
    const explain = await admin.explainComputeWorkerRun(run.id);
    expect(explain.summary).toBe("0/6 workers can take it: 2 lack gpu, gpu-A100, 1 lack gpu-A100, 1 offline, 1 busy, 1 draining");
    expect(explain.pickable).toBe(false);
  });

  it("says a run can be taken now when an idle eligible worker exists", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: ["gpu"] }]);
    await w!.client.heartbeatComputeWorker(w!.id);
    const run = await admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] });
    const explain = await admin.explainComputeWorkerRun(run.id);
    expect(explain).toMatchObject({ pickable: true, summary: "1/1 workers can take it: 0 offline, 0 busy, 0 draining" });
  });

  it("describes a run that is held or finished", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ name: "box-9", labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    await w!.client.claimComputeWorkerRuns(w!.id);
    expect((await admin.explainComputeWorkerRun(run.id)).summary).toBe("Claimed by box-9 (attempt 1 of 3)");
  });
});

describe("labels in use", () => {
  it("lists labels of workers and runs for autocomplete", async () => {
    const { admin } = await teamWithWorkers([{ labels: ["gpu", "gpu-A100"] }, { labels: ["gpu"] }]);
    await admin.scheduleComputeWorkerRun({ runsOn: ["tpu"] });
    expect((await admin.getLabels()).labels).toEqual([
      { label: "gpu", workers: 2, inRunsOn: false },
      { label: "gpu-A100", workers: 1, inRunsOn: false },
      { label: "tpu", workers: 0, inRunsOn: true },
    ]);
  });
});
