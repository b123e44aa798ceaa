import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "@/lib/testing/agent-harness";
import { checkLedger, summarize, type EventRecord, type RunRecord } from "@/lib/testing/chaos/ledger-check";

const entry = (event: LedgerEntry["event"], run: string, attempt: number, t: number): LedgerEntry => ({ event, run, attempt, worker: "w", pid: 1, t });

function cleanRun(id: string) {
  return {
    run: { id, state: "COMPLETED", attempt: 2 } satisfies RunRecord,
    events: [
      { runId: id, type: "CLAIMED", attempt: 1, at: 1 },
      { runId: id, type: "REQUEUED", attempt: 1, at: 5 },
      { runId: id, type: "CLAIMED", attempt: 2, at: 6 },
      { runId: id, type: "COMPLETED", attempt: 2, at: 9 },
    ] satisfies EventRecord[],
    ledger: [entry("start", id, 1, 1), entry("sigterm", id, 1, 3), entry("start", id, 2, 6), entry("end", id, 2, 8)],
  };
}

describe("the chaos ledger check", () => {
  it("passes a run that was re-queued once and then completed exactly once", () => {
    const a = cleanRun("a");
    const verdict = checkLedger({ scheduled: ["a"], runs: [a.run], events: a.events, ledger: a.ledger });
    expect(verdict).toEqual({ runs: 1, reexecuted: [], lost: [], duplicated: [], problems: [] });
  });

  it("reports a run that never ended and one missing from the database as lost", () => {
    const verdict = checkLedger({ scheduled: ["open", "gone"], runs: [{ id: "open", state: "RUNNING", attempt: 1 }], events: [], ledger: [] });
    expect(verdict.lost.sort()).toEqual(["gone", "open"]);
  });

  it("reports a run completed twice and a job that ran to its end twice as duplicated", () => {
    const a = cleanRun("a");
    const b = cleanRun("b");
    const verdict = checkLedger({
      scheduled: ["a", "b"],
      runs: [a.run, b.run],
      events: [...a.events, { runId: "a", type: "COMPLETED", attempt: 2, at: 10 }, ...b.events],
      ledger: [...a.ledger, ...b.ledger, entry("end", "b", 1, 4)],
    });
    expect(verdict.duplicated.sort()).toEqual(["a", "b"]);
    expect(verdict.problems.join("\n")).toMatch(/run a was completed 2 times/);
    expect(verdict.problems.join("\n")).toMatch(/run b: its job ran to the end 2 times/);
  });

  it("counts a job that finished on a killed agent before it could report as re-executed, not duplicated", () => {
    const a = cleanRun("a");
    const ledger = [entry("start", "a", 1, 1), { ...entry("end", "a", 1, 3), worker: "killed" }, entry("start", "a", 2, 6), entry("end", "a", 2, 8)];
    const verdict = checkLedger({ scheduled: ["a"], runs: [a.run], events: a.events, ledger, killedWorkers: new Set(["killed"]) });
    expect(verdict).toMatchObject({ reexecuted: ["a"], duplicated: [], problems: [] });
    // The same ledger without that agent having been killed is a duplicate execution.
    expect(checkLedger({ scheduled: ["a"], runs: [a.run], events: a.events, ledger }).duplicated).toEqual(["a"]);
  });

  it("reports a completion accepted from an attempt that was fenced off", () => {
    const a = cleanRun("a");
    const events = a.events.map((e) => (e.type === "COMPLETED" ? { ...e, attempt: 1 } : e));
    const verdict = checkLedger({ scheduled: ["a"], runs: [a.run], events, ledger: a.ledger });
    expect(verdict.problems).toEqual([expect.stringMatching(/completion from attempt 1 was accepted.*attempt 2 \(fencing\)/)]);
  });

  it("reports two attempts of one run executing at the same time", () => {
    const a = cleanRun("a");
    const ledger = [entry("start", "a", 1, 1), entry("sigterm", "a", 1, 7), entry("start", "a", 2, 6), entry("end", "a", 2, 8)];
    const verdict = checkLedger({ scheduled: ["a"], runs: [a.run], events: a.events, ledger });
    expect(verdict.problems).toEqual([expect.stringMatching(/attempt 2 started while attempt 1 was still running/)]);
  });

  it("reports a terminal run with two terminal events", () => {
    const a = cleanRun("a");
    const verdict = checkLedger({ scheduled: ["a"], runs: [a.run], events: [...a.events, { runId: "a", type: "CRASHED", attempt: 2, at: 11 }], ledger: a.ledger });
    expect(verdict.problems.join("\n")).toMatch(/2 terminal events/);
  });

  it("summarizes figures as p50 and max", () => {
    expect(summarize([5, 1, 3])).toEqual({ n: 3, p50: 3, max: 5 });
    expect(summarize([])).toEqual({ n: 0, p50: null, max: null });
  });
});
