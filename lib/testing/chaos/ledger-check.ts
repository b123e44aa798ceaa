// The chaos suite's verdict, as one pure function: given what was scheduled, what the database
// says happened (runs and their event timelines) and what the jobs themselves recorded (the
// ledger), it lists every broken promise — a run lost, a run completed twice, a result accepted
// from a fenced-off attempt, a job run to its end twice, two attempts of a run executing at once.
import type { LedgerEntry } from "@/lib/testing/agent-harness";

export type RunRecord = { id: string; state: string; attempt: number };
export type EventRecord = { runId: string; type: string; attempt: number; at: number };

export type LedgerVerdict = {
  runs: number;
  /** Runs whose job finished on an agent that was then killed before it could report, and ran again. */
  reexecuted: string[];
  /** Scheduled runs that are missing or not in a terminal state. */
  lost: string[];
  /** Runs whose job ran to its end more than once, or that have more than one COMPLETED event. */
  duplicated: string[];
  problems: string[];
};

export const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELED", "ABORTED", "CRASHED"]);

export function checkLedger(input: {
  scheduled: readonly string[];
  runs: readonly RunRecord[];
  events: readonly EventRecord[];
  ledger: readonly LedgerEntry[];
  /** Workers whose agent was killed: a job of theirs may have finished with nobody left to report it. */
  killedWorkers?: ReadonlySet<string>;
}): LedgerVerdict {
  const problems: string[] = [];
  const reexecuted = new Set<string>();
  const lost = new Set<string>();
  const duplicated = new Set<string>();
  const runs = new Map(input.runs.map((r) => [r.id, r]));
  const eventsOf = groupBy(input.events, (e) => e.runId);
  const ledgerOf = groupBy(input.ledger, (e) => e.run);

  for (const id of input.scheduled) {
    const run = runs.get(id);
    if (!run) {
      lost.add(id);
      problems.push(`run ${id} is missing from the database`);
      continue;
    }
    if (!TERMINAL.has(run.state)) {
      lost.add(id);
      problems.push(`run ${id} ended the test ${run.state}, not in a terminal state`);
    }
    const events = eventsOf.get(id) ?? [];
    const terminal = events.filter((e) => TERMINAL.has(e.type));
    if (TERMINAL.has(run.state) && terminal.length !== 1) {
      problems.push(`run ${id} has ${terminal.length} terminal events (${terminal.map((e) => `${e.type}@${e.attempt}`).join(", ")}), not exactly one`);
    }
    if (terminal[0] && TERMINAL.has(run.state) && terminal.length === 1 && terminal[0].type !== run.state) {
      problems.push(`run ${id} is ${run.state} but its terminal event says ${terminal[0].type}`);
    }
    const completed = events.filter((e) => e.type === "COMPLETED");
    if (completed.length > 1) {
      duplicated.add(id);
      problems.push(`run ${id} was completed ${completed.length} times`);
    }
    for (const e of completed) {
      if (e.attempt !== run.attempt) problems.push(`run ${id}: a completion from attempt ${e.attempt} was accepted, but the run is on attempt ${run.attempt} (fencing)`);
    }

    const entries = ledgerOf.get(id) ?? [];
    // A job that finished on an agent killed before it could report is re-run: execution is
    // at-least-once across kill -9 (no scheduler can make "job ended" and "result reported"
    // atomic), results are exactly-once. Any other second end is a duplicate.
    const allEnds = entries.filter((e) => e.event === "end");
    const unreported = allEnds.filter((e) => e.attempt !== run.attempt && input.killedWorkers?.has(e.worker));
    if (unreported.length > 0) reexecuted.add(id);
    const ends = allEnds.filter((e) => !unreported.includes(e));
    if (ends.length > 1) {
      duplicated.add(id);
      problems.push(`run ${id}: its job ran to the end ${ends.length} times (attempts ${ends.map((e) => e.attempt).join(", ")})`);
    }
    if (run.state === "COMPLETED" && ends.length === 1 && ends[0]!.attempt !== run.attempt) {
      problems.push(`run ${id} is COMPLETED on attempt ${run.attempt}, but the job that finished was attempt ${ends[0]!.attempt}`);
    }
    // Two attempts executing at once: a later attempt started before an earlier one's job
    // stopped (its last ledger entry). Fencing stops a double completion, not a double execution.
    const byAttempt = groupBy(entries, (e) => String(e.attempt));
    const spans = [...byAttempt.values()].map((list) => ({ attempt: list[0]!.attempt, from: Math.min(...list.map((e) => e.t)), to: Math.max(...list.map((e) => e.t)) }));
    for (const a of spans) {
      for (const b of spans) {
        if (a.attempt < b.attempt && b.from < a.to) problems.push(`run ${id}: attempt ${b.attempt} started while attempt ${a.attempt} was still running`);
      }
    }
  }
  return { runs: input.scheduled.length, reexecuted: [...reexecuted], lost: [...lost], duplicated: [...duplicated], problems };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** p50 and max of a list of numbers (the chaos scenarios' printed figures). */
export function summarize(values: readonly number[]): { n: number; p50: number | null; max: number | null } {
  if (values.length === 0) return { n: 0, p50: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: sorted[Math.floor((sorted.length - 1) / 2)]!, max: sorted[sorted.length - 1]! };
}
