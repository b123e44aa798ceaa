// Least privilege for workers (issue 14, finding 7): a worker token bound to one worker reads
// only the runs that worker holds or held — one run, its logs, its explanation, and lists — and
// gets 404 for every other run, as for another team's. Run configs often hold secrets.
// Unbound worker tokens keep reading the whole team's runs (docs/access.md).
import { describe, expect, it } from "vitest";
import { newTeam } from "@/lib/testing/fixtures";

async function fleetWithThreeRuns() {
  const team = await newTeam();
  const a = await team.admin.registerComputeWorker({ name: "box-a", labels: ["a"] });
  const b = await team.admin.registerComputeWorker({ name: "box-b", labels: ["b"] });
  const mine = await team.admin.scheduleComputeWorkerRun({ name: "mine", runsOn: ["a"], config: { secret: "for-a" } });
  const theirs = await team.admin.scheduleComputeWorkerRun({ name: "theirs", runsOn: ["b"], config: { secret: "for-b" } });
  const queued = await team.admin.scheduleComputeWorkerRun({ name: "queued", runsOn: ["c"], config: { secret: "for-nobody-yet" } });
  const asA = await team.client("worker", a.id);
  const asB = await team.client("worker", b.id);
  const [claimedA] = (await asA.claimComputeWorkerRuns(a.id, { max: 5 })).runs;
  const [claimedB] = (await asB.claimComputeWorkerRuns(b.id, { max: 5 })).runs;
  expect([claimedA?.id, claimedB?.id]).toEqual([mine.id, theirs.id]);
  await asB.appendComputeWorkerRunLogs(theirs.id, { leaseToken: claimedB!.leaseToken, lines: [{ line: "b's output" }] });
  return { team, a, b, mine, theirs, queued, asA, leaseA: claimedA!.leaseToken };
}

describe("a worker token bound to one worker", () => {
  it("reads the run its worker holds, and gets 404 for another worker's run and for a queued one", async () => {
    const { mine, theirs, queued, asA } = await fleetWithThreeRuns();
    expect((await asA.getComputeWorkerRunInfo(mine.id)).config).toEqual({ secret: "for-a" });
    for (const other of [theirs, queued]) {
      await expect(asA.getComputeWorkerRunInfo(other.id)).rejects.toMatchObject({ status: 404 });
      await expect(asA.getComputeWorkerRunLogs(other.id)).rejects.toMatchObject({ status: 404 });
      await expect(asA.explainComputeWorkerRun(other.id)).rejects.toMatchObject({ status: 404 });
    }
  });

  it("lists only its worker's runs, whatever the filters ask for", async () => {
    const { b, mine, asA } = await fleetWithThreeRuns();
    expect((await asA.getComputeWorkerRuns()).items.map((r) => r.id)).toEqual([mine.id]);
    expect((await asA.getComputeWorkerRuns({ workerId: b.id })).items).toEqual([]);
    expect((await asA.getComputeWorkerRuns({ state: ["OPEN"] })).items).toEqual([]);
  });

  it("still reads a run its worker held once it is finished", async () => {
    const { mine, asA, leaseA } = await fleetWithThreeRuns();
    await asA.reportComputeWorkerRun(mine.id, { leaseToken: leaseA, state: "RUNNING" });
    await asA.reportComputeWorkerRun(mine.id, { leaseToken: leaseA, state: "COMPLETED" });
    expect((await asA.getComputeWorkerRunInfo(mine.id)).state).toBe("COMPLETED");
    expect((await asA.getComputeWorkerRuns({ state: ["COMPLETED"] })).items.map((r) => r.id)).toEqual([mine.id]);
  });
});

describe("an unbound worker token", () => {
  it("keeps reading every run of its team", async () => {
    const { team, mine, theirs, queued } = await fleetWithThreeRuns();
    const worker = await team.client("worker");
    expect((await worker.getComputeWorkerRuns()).items.map((r) => r.id).sort()).toEqual([mine.id, theirs.id, queued.id].sort());
    expect((await worker.getComputeWorkerRunInfo(theirs.id)).config).toEqual({ secret: "for-b" });
    expect((await worker.getComputeWorkerRunLogs(theirs.id)).items.map((l) => l.line)).toEqual(["b's output"]);
  });
});
