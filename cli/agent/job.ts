// One run executed as one process: the command gets the run's id and config, its output is
// streamed to the run's log, and its exit code decides COMPLETED or FAILED. The process runs
// in its own process group so a cancel stops everything it started.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RunyardClient } from "@/lib/client/runyard-client";
import type { ClaimedRun } from "@/lib/contract/runs";
import { LastLines, LineSplitter, parseCommand } from "@/cli/agent/job-output";
import { RunReporter } from "@/cli/agent/reporter";

const SHIM = path.join(path.dirname(fileURLToPath(import.meta.url)), "job-shim.mjs");

export type JobEnd = "COMPLETED" | "FAILED" | "ABORTED" | "LOST";

export type JobOptions = {
  client: RunyardClient;
  run: ClaimedRun;
  command: string[];
  workerId: string;
  graceMs: number;
  log: (line: string) => void;
  stopSignal: AbortSignal;
};

export class Job {
  readonly run: ClaimedRun;
  progress = 0;
  private child: ChildProcess | undefined;
  private abortReason: "cancel" | "shutdown" | undefined;
  private killTimer: NodeJS.Timeout | undefined;
  private readonly reporter: RunReporter;
  private readonly workDir: string;
  readonly done: Promise<JobEnd>;

  constructor(private readonly options: JobOptions) {
    this.run = options.run;
    this.workDir = path.join(os.tmpdir(), `runyard-${options.run.id}-${options.run.attempt}`);
    this.reporter = new RunReporter(options.client, options.run.id, options.run.leaseToken, (why) => this.onLost(why), options.stopSignal);
    this.done = this.execute();
  }

  get leaseToken() {
    return this.run.leaseToken;
  }

  get label() {
    return this.run.name ? `${this.run.name} (${this.run.id.slice(0, 8)})` : this.run.id.slice(0, 8);
  }

  private onLost(why: string) {
    this.options.log(`run ${this.label} is no longer ours (${why}); stopping it without reporting`);
    this.kill();
  }

  /** Stops the job: SIGTERM to its process group, SIGKILL after the grace period. */
  abort(reason: "cancel" | "shutdown") {
    this.abortReason ??= reason;
    this.kill();
  }

  /** The server says the lease is gone (expired, re-queued, worker retired). */
  lose() {
    this.reporter.lost = true;
    this.onLost("the lease was lost");
  }

  private kill() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null || this.killTimer) return;
    signalGroup(child, "SIGTERM");
    this.killTimer = setTimeout(() => signalGroup(child, "SIGKILL"), this.options.graceMs);
    this.killTimer.unref();
  }

  private async execute(): Promise<JobEnd> {
    const { run, command, workerId } = this.options;
    // Confirm we still hold the run before starting anything.
    if ((await this.reporter.report({ state: "RUNNING" })) === "lost") return "LOST";
    if (this.abortReason) return this.finish("ABORTED", null, `aborted before it started (${this.abortReason})`);
    mkdirSync(this.workDir, { recursive: true });
    const configFile = path.join(this.workDir, "config.json");
    writeFileSync(configFile, JSON.stringify(run.config, null, 2));
    const last = new LastLines();
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
      // Through the shim, in a new process group: a cancel stops everything the job started,
      // and the job dies with this agent (see job-shim.mjs).
      const child = spawn(process.execPath, [SHIM, ...command], {
        cwd: process.cwd(),
        detached: true,
        stdio: ["pipe", "pipe", "pipe"],
        env: {
          ...process.env,
          RUNYARD_SHIM_GRACE_MS: String(this.options.graceMs),
          RUNYARD_RUN_ID: run.id,
          RUNYARD_RUN_NAME: run.name ?? "",
          RUNYARD_RUN_ATTEMPT: String(run.attempt),
          RUNYARD_RUN_CONFIG: configFile,
          RUNYARD_RUNS_ON: run.runsOn.join(","),
          RUNYARD_DATASET: run.dataset ?? "",
          RUNYARD_WORKER_ID: workerId,
        },
      });
      this.child = child;
      for (const stream of ["stdout", "stderr"] as const) {
        const splitter = new LineSplitter();
        const handle = (line: string) => {
          last.push(line);
          this.reporter.log(stream, line);
          const cmd = parseCommand(line);
          if (cmd?.kind === "progress") {
            this.progress = cmd.value;
            this.reporter.progress(cmd.value);
          } else if (cmd?.kind === "message") {
            void this.reporter.report({ message: cmd.text });
          }
        };
        child[stream]!.setEncoding("utf8");
        child[stream]!.on("data", (chunk: string) => splitter.push(chunk).forEach(handle));
        child[stream]!.on("end", () => splitter.flush().forEach(handle));
      }
      child.stdin!.on("error", () => undefined);
      child.once("error", (error) => resolve({ code: null, signal: null, error }));
      child.once("close", (code, signal) => resolve({ code, signal }));
      // A cancel that arrived while we were confirming RUNNING.
      if (this.abortReason || this.reporter.lost) this.kill();
    });
    clearTimeout(this.killTimer);
    rmSync(this.workDir, { recursive: true, force: true });
    if (this.reporter.lost) return "LOST";
    if (this.abortReason) return this.finish("ABORTED", exit.code, `aborted (${this.abortReason === "cancel" ? "cancelled" : "agent shut down"})`);
    if (exit.error) return this.finish("FAILED", null, `could not start ${command[0]}: ${exit.error.message}`);
    if (exit.code === 0) return this.finish("COMPLETED", 0, undefined);
    const how = exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code}`;
    return this.finish("FAILED", exit.code ?? undefined, `${how}${last.text() ? `\n${last.text()}` : ""}`);
  }

  private async finish(state: "COMPLETED" | "FAILED" | "ABORTED", exitCode: number | null | undefined, message: string | undefined): Promise<JobEnd> {
    const delivered = await this.reporter.finish({ state, ...(exitCode != null ? { exitCode } : {}), ...(message ? { message: message.slice(0, 4000) } : {}) });
    this.reporter.dispose();
    return delivered === "lost" ? "LOST" : state;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}
