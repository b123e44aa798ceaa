// The worker agent: long-polls for runs this worker may take, runs up to `concurrency` of them
// at once, heartbeats on its own timer, stops jobs that are cancelled or whose lease was lost,
// and survives the API going away (retries with backoff; running jobs keep running).
import type { RunyardClient } from "@/lib/client/runyard-client";
import { RunyardApiError } from "@/lib/client/errors";
import type { ClaimedRun } from "@/lib/contract/runs";
import type { AgentInfo } from "@/lib/contract/workers";
import { backoffDelay, sleep } from "@/cli/agent/backoff";
import { FinalReports } from "@/cli/agent/final-reports";
import { Job, type JobEnd, type JobSetup } from "@/cli/agent/job";

export type AgentOptions = {
  client: RunyardClient;
  workerId: string;
  workerName: string;
  labels: string[];
  concurrency: number;
  command: string[];
  graceMs: number;
  waitSeconds: number;
  heartbeatMs: number;
  info: AgentInfo;
  log: (line: string) => void;
  /** Where jobs' files go and what their environment holds (cli/agent/job-env.ts). */
  job: JobSetup;
  /** Each heartbeat's answer says the server's version (the agent warns when it is newer). */
  onServerVersion?: (version: string) => void;
};

export class FatalAgentError extends Error {}

const IDLE_HEARTBEAT_MS = 60_000;

export class Agent {
  readonly jobs = new Map<string, Job>();
  completed = 0;
  failed = 0;
  draining = false;
  apiDown = false;
  private stopping = false;
  private readonly stop = new AbortController();
  private claimAbort: AbortController | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private wakeFreeSlot: (() => void) | undefined;
  private fatal: Error | undefined;
  /** True while the claim loop's own claim (a long-poll) is in flight. */
  private claiming = false;
  private readonly finals: FinalReports;
  private lastBeatAt = 0;

  constructor(readonly options: AgentOptions) {
    this.finals = new FinalReports({
      client: options.client,
      workerId: options.workerId,
      batch: options.concurrency > 1,
      // Complete-and-claim fills the slots the reported jobs free — unless the claim loop is
      // already asking for them, or the agent takes no more runs.
      nextMax: (finishing) =>
        this.stopping || this.draining || this.fatal || this.claiming ? 0 : Math.max(0, Math.min(100, this.options.concurrency - this.jobs.size + finishing)),
      onClaimed: (runs) => {
        for (const run of runs) this.start(run);
      },
    });
  }

  get isStopping() {
    return this.stopping;
  }

  /** First call: take no more runs, let running jobs finish. Second call: abort them. */
  requestStop() {
    if (!this.stopping) {
      this.stopping = true;
      this.options.log(this.jobs.size > 0 ? `stopping: taking no more runs; waiting for ${this.jobs.size} running job(s) (signal again to abort them)` : "stopping");
      this.claimAbort?.abort();
      this.wakeFreeSlot?.();
      return;
    }
    this.options.log(`aborting ${this.jobs.size} running job(s)`);
    this.stop.abort();
    for (const job of this.jobs.values()) job.abort("shutdown");
  }

  async run(): Promise<void> {
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.options.heartbeatMs);
    void this.heartbeat();
    try {
      await this.claimLoop();
      await Promise.allSettled([...this.jobs.values()].map((job) => job.done));
    } finally {
      clearInterval(this.heartbeatTimer);
    }
    if (this.fatal) throw this.fatal;
  }

  private async claimLoop() {
    for (let failures = 0; !this.stopping && !this.fatal; ) {
      const free = this.options.concurrency - this.jobs.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.wakeFreeSlot = resolve));
        continue;
      }
      this.claimAbort = new AbortController();
      this.claiming = true;
      try {
        const { runs } = await this.options.client
          .claimComputeWorkerRuns(this.options.workerId, { max: free, waitSeconds: this.options.waitSeconds }, { signal: this.claimAbort.signal })
          .finally(() => (this.claiming = false));
        this.setApiDown(false);
        failures = 0;
        for (const run of runs) this.start(run);
      } catch (error) {
        if (this.stopping) break;
        if (error instanceof RunyardApiError && [401, 403, 404].includes(error.status)) {
          this.fatal = new FatalAgentError(`the API refused this agent: ${error.problem.detail}`);
          for (const job of this.jobs.values()) job.lose();
          break;
        }
        this.setApiDown(true, error);
        await sleep(backoffDelay(failures++, 500, 10_000), this.stop.signal);
      }
    }
  }

  private start(run: ClaimedRun) {
    const job = new Job({
      client: this.options.client,
      run,
      command: this.options.command,
      workerId: this.options.workerId,
      graceMs: this.options.graceMs,
      log: this.options.log,
      stopSignal: this.stop.signal,
      setup: this.options.job,
      sendFinal: (runId, body) => this.finals.send(runId, body),
    });
    this.jobs.set(run.id, job);
    this.options.log(`run ${job.label} started (attempt ${run.attempt}${run.runsOn.length ? `, runsOn ${run.runsOn.join(",")}` : ""})`);
    void job.done.then((end: JobEnd) => {
      this.jobs.delete(run.id);
      if (end === "COMPLETED") this.completed++;
      else if (end !== "LOST") this.failed++;
      this.options.log(`run ${job.label} ${end.toLowerCase()}`);
      this.wakeFreeSlot?.();
      this.wakeFreeSlot = undefined;
    });
  }

  private setApiDown(down: boolean, error?: unknown) {
    if (down && !this.apiDown) this.options.log(`cannot reach the API (${(error as Error)?.message ?? error}); retrying with backoff, running jobs continue`);
    if (!down && this.apiDown) this.options.log("API reachable again");
    this.apiDown = down;
  }

  private async heartbeat() {
    // Idle, its long-poll is its contact (the server keeps it online): a heartbeat a minute is
    // enough to pick up draining and the server's version (docs/scaling.md: idle cost).
    if (this.jobs.size === 0 && !this.apiDown && Date.now() - this.lastBeatAt < IDLE_HEARTBEAT_MS) return;
    const held = [...this.jobs.values()].map((job) => ({ id: job.run.id, leaseToken: job.leaseToken }));
    try {
      const answer = await this.options.client.heartbeatComputeWorker(this.options.workerId, { info: this.options.info, runs: held });
      this.lastBeatAt = Date.now();
      this.setApiDown(false);
      this.options.onServerVersion?.(answer.serverVersion);
      if (answer.draining !== this.draining) this.options.log(answer.draining ? "worker is draining: no new runs until resumed" : "worker resumed");
      this.draining = answer.draining;
      for (const id of answer.abort) {
        const job = this.jobs.get(id);
        if (job) {
          this.options.log(`run ${job.label} was cancelled: stopping it`);
          job.abort("cancel");
        }
      }
      for (const id of answer.lost) this.jobs.get(id)?.lose();
    } catch (error) {
      if (error instanceof RunyardApiError && [401, 403, 404].includes(error.status)) {
        this.fatal ??= new FatalAgentError(`the API refused this agent: ${error.problem.detail}`);
        for (const job of this.jobs.values()) job.lose();
        this.claimAbort?.abort();
        this.wakeFreeSlot?.();
        return;
      }
      this.setApiDown(true, error);
    }
  }
}
