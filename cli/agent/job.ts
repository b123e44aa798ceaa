// One run executed as one process: the command gets the run's id and config, its output is
// streamed to the run's log, and its exit code decides COMPLETED or FAILED. The process runs
// in its own process group so a cancel stops everything it started. Its files are private
// (cli/agent/work-dir.ts) and its environment holds no credential of the agent's
// (cli/agent/job-env.ts).
import { spawn, type ChildProcess } from "node:child_process";
import type { RunyardClient } from "@/lib/client/runyard-client";
import type { ClaimedRun } from "@/lib/contract/runs";
import { jobEnvironment } from "@/cli/agent/job-env";
import { LastLines, LineSplitter, parseCommand } from "@/cli/agent/job-output";
import type { FinalReport } from "@/cli/agent/final-reports";
import { RunReporter } from "@/cli/agent/reporter";
import type { WorkDir } from "@/cli/agent/work-dir";

export type JobSetup = { url: string; workDir: WorkDir; strip: readonly string[] };
type ProcessExit = { code: number | null; signal: NodeJS.Signals | null; error?: Error };

export type JobEnd = "COMPLETED" | "FAILED" | "ABORTED" | "LOST";

export type JobOptions = {
  client: RunyardClient;
  run: ClaimedRun;
  command: string[];
  workerId: string;
  graceMs: number;
  log: (line: string) => void;
  stopSignal: AbortSignal;
  setup: JobSetup;
  /** The final report's path (cli/agent/final-reports.ts); the plain report when absent. */
  sendFinal?: (runId: string, body: FinalReport) => Promise<unknown>;
};

export class Job {
  readonly run: ClaimedRun;
  progress = 0;
  private child: ChildProcess | undefined;
  private abortReason: "cancel" | "shutdown" | undefined;
  private killTimer: NodeJS.Timeout | undefined;
  private readonly reporter: RunReporter;
  readonly done: Promise<JobEnd>;

  constructor(private readonly options: JobOptions) {
    this.run = options.run;
    const sendFinal = options.sendFinal;
    this.reporter = new RunReporter(
      options.client, options.run.id, options.run.leaseToken, (why) => this.onLost(why), options.stopSignal,
      sendFinal ? (body) => sendFinal(options.run.id, body as FinalReport) : undefined,
    );
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
    const { run, command, setup } = this.options;
    // Confirm we still hold the run before starting anything.
    if ((await this.reporter.report({ state: "RUNNING" })) === "lost") return "LOST";
    if (this.abortReason) return this.finish("ABORTED", null, `aborted before it started (${this.abortReason})`);
    const last = new LastLines();
    // The run's files exist while its process runs, and not a moment longer.
    const files = setup.workDir.createRunFiles(run.id, run.attempt, run.config);
    let exit: ProcessExit;
    try {
      exit = await this.runProcess(files.dir, files.configFile, last);
    } finally {
      setup.workDir.removeRunFiles(files.dir);
    }
    if (this.reporter.lost) return "LOST";
    if (this.abortReason) return this.finish("ABORTED", exit.code, `aborted (${this.abortReason === "cancel" ? "cancelled" : "agent shut down"})`);
    if (exit.error) return this.finish("FAILED", null, `could not start ${command[0]}: ${exit.error.message}`);
    if (exit.code === 0) return this.finish("COMPLETED", 0, undefined);
    const how = exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code}`;
    return this.finish("FAILED", exit.code ?? undefined, `${how}${last.text() ? `\n${last.text()}` : ""}`);
  }

  private async runProcess(runDir: string, configFile: string, last: LastLines): Promise<ProcessExit> {
    const { run, command, workerId, setup } = this.options;
    const exit = await new Promise<ProcessExit>((resolve) => {
      // Through the shim, in a new process group: a cancel stops everything the job started,
      // and the job dies with this agent (see job-shim.mjs).
      const child = spawn(process.execPath, [setup.workDir.shim, ...command], {
        cwd: process.cwd(),
        detached: true,
        stdio: ["pipe", "pipe", "pipe"],
        env: {
          ...jobEnvironment(process.env, { run, workerId, url: setup.url, configFile, runDir, strip: setup.strip }),
          RUNYARD_SHIM_GRACE_MS: String(this.options.graceMs),
        },
      });
      this.child = child;
      for (const stream of ["stdout", "stderr"] as const) {
        const splitter = new LineSplitter();
        const handle = (line: string) => {
          const cmd = parseCommand(line);
          if (cmd?.kind === "progress") {
            // Progress is shown as progress: not in the log, not in the failure summary.
            this.progress = cmd.value;
            this.reporter.progress(cmd.value);
            return;
          }
          last.push(line);
          this.reporter.log(stream, line);
          if (cmd?.kind === "message") {
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
    return exit;
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
