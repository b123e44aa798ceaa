import { describe, expect, it } from "vitest";
import { rankSuggestions } from "@/lib/domain/label-suggestions";

const labels = [
  { label: "GPU", workers: 0 }, // asked only by a run (a typo)
  { label: "gpu", workers: 9 },
  { label: "gpu-A100", workers: 4 },
  { label: "gpu-H100", workers: 2 },
  { label: "multi-gpu", workers: 1 },
  { label: "fra", workers: 3 },
];

describe("label suggestions", () => {
  it("a label only asked by runs is never suggested before the labels workers have", () => {
    expect(rankSuggestions(labels, "gpu", []).map((s) => s.label)).toEqual(["gpu", "gpu-A100", "gpu-H100", "multi-gpu", "GPU"]);
    expect(rankSuggestions(labels, "G", []).at(-1)?.label).toBe("GPU");
  });
  it("prefix matches come before matches inside a label, then the most workers", () => {
    expect(rankSuggestions(labels, "a100", []).map((s) => s.label)).toEqual(["gpu-A100"]);
    expect(rankSuggestions(labels, "g", []).slice(0, 3).map((s) => s.label)).toEqual(["gpu", "gpu-A100", "gpu-H100"]);
  });
  it("leaves out the labels already chosen and shows at most 8", () => {
    expect(rankSuggestions(labels, "gpu", ["gpu"]).map((s) => s.label)).not.toContain("gpu");
    const many = Array.from({ length: 20 }, (_, i) => ({ label: `l${i}`, workers: 1 }));
    expect(rankSuggestions(many, "", [])).toHaveLength(8);
  });
});
