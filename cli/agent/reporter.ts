// Sends a job's reports and log lines to the API, in order, retrying while the API is down or
// restarting. A 409 (stale lease) or 404 means the run is no longer ours: the job is lost and
// nothing more is sent — the attempt that replaced it must not be overwritten.
import type { RunyardClient } from "@/lib/client/runyard-client";
import { RunyardApiError } from "@/lib/client/errors";
import type { RunReportBody } from "@/lib/contract/runs";
import { backoffDelay, sleep } from "@/cli/agent/backoff";

export type Delivery = "delivered" | "lost";

const MAX_BUFFERED_LINES = 20_000;
const LOG_BATCH = 500;

export class RunReporter {
  private queue: Promise<unknown> = Promise.resolve();
  private lines: { stream: "stdout" | "stderr"; line: string }[] = [];
  private dropped = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private pendingProgress: number | undefined;
  private progressTimer: NodeJS.Timeout | undefined;
  lost = false;

  constructor(
    private readonly client: RunyardClient,
    private readonly runId: string,
    private readonly leaseToken: number,
    private readonly onLost: (why: string) => void,
    private readonly stopSignal: AbortSignal,
    /** Sends the final report (the agent's complete-and-claim / batch path); the plain report otherwise. */
    private readonly sendFinal?: (body: RunReportBody) => Promise<unknown>,
  ) {}

  /** Retries one call until it lands or the run turns out not to be ours. */
  private async deliver(call: () => Promise<unknown>): Promise<Delivery> {
    for (let attempt = 0; ; attempt++) {
      if (this.lost) return "lost";
      try {
        await call();
        return "delivered";
      } catch (error) {
        if (error instanceof RunyardApiError && (error.status === 409 || error.status === 404 || error.status === 401 || error.status === 403)) {
          this.markLost(error.problem.detail);
          return "lost";
        }
        if (error instanceof RunyardApiError && error.status < 500 && error.status !== 429) {
          // Our own bad request: retrying cannot help. Say so and move on.
          process.stderr.write(`runyard: report for run ${this.runId} refused: ${error.message}\n`);
          return "delivered";
        }
        if (this.stopSignal.aborted && attempt > 20) return "lost";
        // Short ceiling: a report that lands late risks the lease expiring meanwhile.
        await sleep(backoffDelay(attempt, 250, 4000));
      }
    }
  }

  private markLost(why: string) {
    if (this.lost) return;
    this.lost = true;
    this.onLost(why);
  }

  private enqueue(call: () => Promise<unknown>): Promise<Delivery> {
    const next = this.queue.then(() => this.deliver(call));
    this.queue = next;
    return next;
  }

  report(body: Omit<RunReportBody, "leaseToken">): Promise<Delivery> {
    return this.enqueue(() => this.client.reportComputeWorkerRun(this.runId, { leaseToken: this.leaseToken, ...body }));
  }

  /** Progress is coalesced: at most one report a second, always the latest value. */
  progress(value: number) {
    this.pendingProgress = value;
    this.progressTimer ??= setTimeout(() => {
      this.progressTimer = undefined;
      const progress = this.pendingProgress;
      this.pendingProgress = undefined;
      if (progress !== undefined) void this.report({ progress });
    }, 1000);
  }

  log(stream: "stdout" | "stderr", line: string) {
    if (this.lines.length >= MAX_BUFFERED_LINES) {
      this.lines.shift();
      this.dropped++;
    }
    this.lines.push({ stream, line });
    if (this.lines.length >= LOG_BATCH) void this.flushLogs();
    else this.flushTimer ??= setTimeout(() => void this.flushLogs(), 500);
  }

  flushLogs(): Promise<Delivery> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.dropped > 0) {
      this.lines.unshift({ stream: "stderr", line: `[runyard] ${this.dropped} log lines dropped while the API was unreachable` });
      this.dropped = 0;
    }
    const batches: (typeof this.lines)[] = [];
    while (this.lines.length > 0) batches.push(this.lines.splice(0, LOG_BATCH));
    let result: Promise<Delivery> = Promise.resolve("delivered");
    for (const lines of batches) {
      result = this.enqueue(() => this.client.appendComputeWorkerRunLogs(this.runId, { leaseToken: this.leaseToken, lines }));
    }
    return result;
  }

  /** Sends what is pending (latest progress, logs), then the final state. */
  async finish(body: Omit<RunReportBody, "leaseToken">): Promise<Delivery> {
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    if (this.pendingProgress !== undefined && body.state !== "COMPLETED") void this.report({ progress: this.pendingProgress });
    this.pendingProgress = undefined;
    void this.flushLogs();
    const sendFinal = this.sendFinal;
    if (!sendFinal || !body.state || body.state === "RUNNING") return this.report(body);
    return this.enqueue(() => sendFinal({ leaseToken: this.leaseToken, ...body }));
  }

  /** Waits for everything queued so far. */
  settled(): Promise<unknown> {
    return this.queue;
  }

  dispose() {
    clearTimeout(this.flushTimer);
    clearTimeout(this.progressTimer);
  }
}
