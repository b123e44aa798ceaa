import { describe, expect, it } from "vitest";
import { LogBuffer, logRows } from "@/lib/client/log-lines";
import type { LogEntry } from "@/lib/contract/runs";

const entry = (id: number, attempt = 1): LogEntry => ({ id: String(id), attempt, stream: "stdout", line: `line ${id}`, at: "2026-12-01T00:00:00.000Z" });

describe("LogBuffer", () => {
  it("keeps each line once, in numeric id order, when pages overlap or arrive out of order", () => {
    const buffer = new LogBuffer();
    expect(buffer.add([entry(8), entry(9), entry(10)], "10")).toBe(3);
    expect(buffer.add([entry(9), entry(10), entry(11)], "11")).toBe(1);
    expect(buffer.add([entry(100), entry(2)], "100")).toBe(2);
    expect(buffer.lines.map((l) => l.id)).toEqual(["2", "8", "9", "10", "11", "100"]);
    expect(buffer.after).toBe("100");
  });

  it("never moves its cursor backwards", () => {
    const buffer = new LogBuffer();
    buffer.add([entry(1000)], "1000");
    buffer.add([], "999");
    buffer.add([], null);
    expect(buffer.after).toBe("1000");
  });
});

describe("logRows", () => {
  it("puts an attempt divider, with the attempt's worker, where a new attempt starts", () => {
    const rows = logRows([entry(1, 1), entry(2, 1), entry(3, 2)], new Map([[1, "box-a"], [2, "a100-box-1"]]), 2);
    expect(rows.map((r) => (r.kind === "line" ? r.entry.line : `Attempt ${r.attempt} on ${r.worker}`))).toEqual([
      "Attempt 1 on box-a", "line 1", "line 2", "Attempt 2 on a100-box-1", "line 3",
    ]);
  });

  it("shows no divider for a run with one attempt", () => {
    expect(logRows([entry(1), entry(2)], new Map(), 1).every((r) => r.kind === "line")).toBe(true);
  });
});
