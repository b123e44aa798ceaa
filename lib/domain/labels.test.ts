import { describe, expect, it } from "vitest";
import { labelProblem, normalizeLabels, parseLabelList, workerNameProblem } from "@/lib/domain/labels";

describe("labels", () => {
  it.each(["gpu", "gpu-A100", "aws_1", "zone:eu-west-1", "v1.2", "A", "9lives", "x".repeat(64)])("accepts %s", (label) => {
    expect(labelProblem(label)).toBeNull();
  });

  it.each([
    ["", /empty/],
    ["x".repeat(65), /longer than 64/],
    ["-gpu", /must start with a letter or digit/],
    ["gpu A100", /"gpu A100" may contain only/],
    ["gpü", /"gpü" may contain only/],
    ["a,b", /may contain only/],
  ])("refuses %j, naming it", (label, reason) => {
    expect(labelProblem(label)).toMatch(reason);
  });

  it("folds duplicates and sorts, keeping case (labels are case-sensitive)", () => {
    expect(normalizeLabels(["gpu", "GPU", "gpu", "a100", "B"])).toEqual(["B", "GPU", "a100", "gpu"]);
  });

  it("parses a comma-separated list as typed on a command line", () => {
    expect(parseLabelList(" gpu, gpu-A100,,cpu ")).toEqual(["gpu", "gpu-A100", "cpu"]);
    expect(parseLabelList("")).toEqual([]);
  });

  it("checks worker names: 3–64 characters, letters, digits, spaces, _ and -", () => {
    expect(workerNameProblem("gpu box_1-a")).toBeNull();
    expect(workerNameProblem("ab")).toMatch(/3–64/);
    expect(workerNameProblem(" leading")).toMatch(/starting with a letter or digit/);
    expect(workerNameProblem("a".repeat(65))).not.toBeNull();
    expect(workerNameProblem("bad/name")).not.toBeNull();
  });
});
