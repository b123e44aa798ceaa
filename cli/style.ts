// Colour for people, plain text for pipes: ANSI colours only on a terminal, never with
// NO_COLOR set (https://no-color.org), always with FORCE_COLOR (other than 0).
import type { RunState } from "@/lib/contract/runs";
import type { WorkerState } from "@/lib/contract/workers";
import { runStateWord, workerStateWord, workerStatus, WORKER_STATUS_WORDS } from "@/lib/domain/vocabulary";

export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "") return env.FORCE_COLOR !== "0";
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], cyan: [36, 39], grey: [90, 39] } as const;
export type Colour = keyof typeof CODES;
export type Paint = Record<Colour, (text: string) => string>;

export function painter(enabled: boolean): Paint {
  const entries = Object.entries(CODES).map(([name, [open, close]]) => [name, (text: string) => (enabled && text ? `\x1b[${open}m${text}\x1b[${close}m` : text)]);
  return Object.fromEntries(entries) as Paint;
}

/** For stdout and for stderr: each is a terminal or not on its own. */
export const out = painter(colourEnabled(process.stdout));
export const err = painter(colourEnabled(process.stderr));

const ANSI = /\x1b\[[0-9;]*m/g;
export const visibleLength = (text: string) => text.replace(ANSI, "").length;

const RUN_COLOURS: Record<RunState, Colour> = {
  OPEN: "grey", LOCKED: "blue", RUNNING: "cyan", COMPLETED: "green", FAILED: "red", CANCELED: "yellow", ABORTED: "yellow", CRASHED: "red",
};
const WORKER_COLOURS: Record<WorkerState, Colour> = { IDLE: "green", BUSY: "cyan", OFFLINE: "grey", CRASHED: "red" };

/** A run's state in the dashboard's words (Queued, Claimed, Running…), coloured. */
export const runStateText = (state: RunState, paint: Paint = out) => paint[RUN_COLOURS[state]](runStateWord(state));
export const workerStateText = (state: WorkerState, paint: Paint = out) => paint[WORKER_COLOURS[state]](workerStateWord(state));

/** A worker's status as the dashboard shows it: Drained/Draining instead of Idle/Busy, and Failing. */
export const workerStatusText = (worker: { state: WorkerState; draining: boolean; failing?: boolean; failureStreak?: number }, paint: Paint = out) => {
  const status = workerStatus(worker);
  const word = status === "DRAINED" || status === "DRAINING" ? paint.yellow(WORKER_STATUS_WORDS[status]) : workerStateText(worker.state, paint);
  return worker.failing ? `${word} ${paint.red(`(failing: ${worker.failureStreak} in a row)`)}` : word;
};
