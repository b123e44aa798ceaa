// "Closest worker" only when some worker is close (issue 15): for a label nobody has, naming
// any worker as closest is arbitrary; the answer says that no worker has the label instead.
import { describe, expect, it } from "vitest";
import { teamWithWorkers } from "@/lib/testing/scenario";

describe("the closest worker", () => {
  it("is nobody when no worker has any of the labels asked for", async () => {
    const { admin } = await teamWithWorkers([{ name: "a100-box", labels: ["gpu", "gpu-A100"] }, { name: "cpu-box", labels: ["cpu"] }]);
    const match = await admin.matchComputeWorkers(["gpu-H100"]);
    expect(match.eligible).toEqual([]);
    expect(match.closest).toBeNull();
    expect(match.hints).toEqual(['No worker has the label "gpu-H100".']);
    const run = await admin.scheduleComputeWorkerRun({ runsOn: ["tpu"] });
    expect(run.unmatchable).toEqual({ closest: null, missing: ["tpu"], caseMismatches: [] });
  });

  it("is the worker that has some of the labels, whatever the names sort to", async () => {
    const { admin } = await teamWithWorkers([{ name: "aaa-cpu", labels: ["cpu"] }, { name: "zzz-gpu", labels: ["gpu"] }]);
    const match = await admin.matchComputeWorkers(["gpu", "gpu-H100"]);
    expect(match.closest).toMatchObject({ worker: { name: "zzz-gpu" }, missing: ["gpu-H100"] });
  });

  it("is a worker whose label differs only by case, with the fix", async () => {
    const { admin } = await teamWithWorkers([{ name: "aaa-cpu", labels: ["cpu"] }, { name: "zzz-gpu", labels: ["gpu"] }]);
    const match = await admin.matchComputeWorkers(["GPU"]);
    expect(match.closest).toMatchObject({ worker: { name: "zzz-gpu" }, caseMismatches: [{ wanted: "GPU", has: "gpu" }] });
  });
});
