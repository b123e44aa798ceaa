// Follows a run: streams its log (lines as the job printed them, stdout to stdout and stderr
// to stderr), says on stderr when its state changes, and explains once why a queued run is not
// being picked up. Ends when the run ends — or at --timeout, which leaves the run alone.
import { describeRun } from "@/cli/run-text";
import { err } from "@/cli/style";
import type { RunyardClient } from "@/lib/client/runyard-client";
import { TERMINAL_RUN_STATES, type Run } from "@/lib/contract/runs";

export const TIMEOUT_EXIT_CODE = 124;
const POLL_MS = 1000;
const EXPLAIN_AFTER_MS = 3000;

export type FollowOptions = {
  /** Print the log lines (runs logs --follow, --wait). */
  logs: boolean;
  /** Print a line on stderr at each state change. */
  states: boolean;
  timeoutSeconds?: number;
  /** Only lines after this log cursor (what was printed already). */
  cursor?: string;
};

export type FollowEnd = { run: Run; timedOut: boolean };

const stamp = () => new Date().toTimeString().slice(0, 8);

export async function followRun(client: RunyardClient, runId: string, options: FollowOptions): Promise<FollowEnd> {
  const deadline = options.timeoutSeconds !== undefined ? Date.now() + options.timeoutSeconds * 1000 : Infinity;
  let cursor = options.cursor;
  let attempt = 0;
  let lastState = "";
  let queuedSince = Date.now();
  let explained = false;
  const drainLogs = async () => {
    for (;;) {
      const page = await client.getComputeWorkerRunLogs(runId, { cursor, limit: 1000 });
      for (const line of page.items) {
        if (line.attempt !== attempt && attempt !== 0) process.stderr.write(err.grey(`── attempt ${line.attempt} ──`) + "\n");
        attempt = line.attempt;
        (line.stream === "stderr" ? process.stderr : process.stdout).write(`${line.line}\n`);
      }
      cursor = page.nextCursor ?? cursor;
      if (page.items.length < 1000) return;
    }
  };
  for (;;) {
    const run = await client.getComputeWorkerRunInfo(runId);
    if (options.logs) await drainLogs();
    const text = describeRun(run, err);
    if (options.states && text !== lastState) process.stderr.write(`${err.grey(`[${stamp()}]`)} ${text}\n`);
    lastState = text;
    if (TERMINAL_RUN_STATES.includes(run.state)) {
      // Lines sent just before the final report.
      if (options.logs) await drainLogs();
      return { run, timedOut: false };
    }
    if (run.state !== "OPEN") queuedSince = Date.now();
    if (run.state === "OPEN" && !explained && Date.now() - queuedSince > EXPLAIN_AFTER_MS) {
      explained = true;
      const why = await client.explainComputeWorkerRun(runId).catch(() => undefined);
      if (why && !why.pickable) process.stderr.write(`${err.yellow("still queued:")} ${why.summary}${why.hints.length ? `\n  ${why.hints.join("\n  ")}` : ""}\n`);
    }
    if (Date.now() >= deadline) return { run, timedOut: true };
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}
