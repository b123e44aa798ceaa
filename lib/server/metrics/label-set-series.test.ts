import { describe, expect, it } from "vitest";
import { compareIdsDesc, runsOnValue, selectCounterSets, selectQueueSets } from "@/lib/server/metrics/label-set-series";

const set = (id: string, queued: number, running = 0, oldestS = 0) => ({ id, labels: [`l${id}`], queued, running, oldestS });

describe("which label sets get their own runs_on series", () => {
  it("names a set by its labels comma-joined, the empty set by an empty value", () => {
    expect(runsOnValue(["gpu", "gpu-A100"])).toBe("gpu,gpu-A100");
    expect(runsOnValue([])).toBe("");
  });

  it("orders bigint ids numerically, newest first", () => {
    expect(["9", "10", "100", "11"].sort(compareIdsDesc)).toEqual(["100", "11", "10", "9"]);
  });

  it("under the bound: every set, idle ones at zero, and no _other", () => {
    const result = selectQueueSets([set("2", 5)], [{ id: "3", labels: ["a"] }, { id: "2", labels: ["l2"] }], 10, 2);
    expect(result.kept.map((s) => [s.id, s.queued])).toEqual([["2", 5], ["3", 0]]);
    expect(result.other).toBeNull();
  });

  it("over the bound: the busiest sets, the rest summed into _other (oldest age is the oldest of them)", () => {
    const active = [set("1", 1, 0, 50), set("2", 100, 3, 10), set("3", 0, 7, 0), set("4", 2, 0, 900), set("5", 1, 1, 20)];
    const result = selectQueueSets(active, [], 2, 1200);
    expect(result.kept.map((s) => s.id)).toEqual(["2", "3"]);
    expect(result.other).toEqual({ queued: 4, running: 1, oldestS: 900 });
  });

  it("counters keep every set under the bound, and past it the sets with the most finished runs", () => {
    const finished = new Map([["1", 10], ["2", 500], ["3", 7]]);
    expect(selectCounterSets(finished, ["9"], 5, 4).kept.sort()).toEqual(["1", "2", "3", "9"]);
    expect(selectCounterSets(finished, ["9"], 2, 40)).toEqual({ kept: ["2", "1"], other: ["3", "9"] });
  });
});
