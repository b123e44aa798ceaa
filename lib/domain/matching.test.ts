import { describe, expect, it } from "vitest";
import { canTake, caseMismatches, missingLabels } from "@/lib/domain/matching";

// The examples of SPEC §1 and of the Lightly documentation it comes from.
describe("a worker may take a run when runsOn ⊆ its labels, or when it has no labels", () => {
  const a100 = ["gpu-A100", "gpu", "machine1"];

  it.each([[[]], [["gpu"]], [["gpu", "gpu-A100"]]])("worker [gpu-A100, gpu, machine1] takes a run with runsOn %j", (runsOn) => {
    expect(canTake(a100, runsOn)).toBe(true);
  });

  it("worker [gpu-A100, gpu, machine1] does not take a run that needs [gpu-H100]", () => {
    expect(canTake(a100, ["gpu-H100"])).toBe(false);
  });

  it("a worker with labels [gpu] does not take a run that needs [gpu, aws_1]", () => {
    expect(canTake(["gpu"], ["gpu", "aws_1"])).toBe(false);
    expect(missingLabels(["gpu"], ["gpu", "aws_1"])).toEqual(["aws_1"]);
  });

  it("an unlabeled worker takes every run, including runs with runsOn (legacy rule)", () => {
    for (const runsOn of [[], ["gpu"], ["gpu-H100", "aws_1"]]) expect(canTake([], runsOn)).toBe(true);
    expect(missingLabels([], ["gpu"])).toEqual([]);
  });

  it("a run without runsOn is taken by every worker, labeled or not", () => {
    for (const labels of [[], ["cpu"], ["gpu", "gpu-A100", "bobs_worker", "team_worker"]]) expect(canTake(labels, [])).toBe(true);
  });

  it("the seed's example: [gpu-A100, gpu, bobs_worker, team_worker] takes [gpu-A100]", () => {
    expect(canTake(["gpu-A100", "gpu", "bobs_worker", "team_worker"], ["gpu-A100"])).toBe(true);
  });

  it("labels are case-sensitive, and a case mismatch is pointed out", () => {
    expect(canTake(["gpu"], ["GPU"])).toBe(false);
    expect(caseMismatches(["gpu", "cpu"], missingLabels(["gpu", "cpu"], ["GPU", "tpu"]))).toEqual([{ wanted: "GPU", has: "gpu" }]);
  });
});
