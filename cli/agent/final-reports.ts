// The agent's final reports (COMPLETED, FAILED, ABORTED) and the claim of what comes next, in as
// few requests as possible. Each final report asks for the worker's next run(s) with it
// (complete-and-claim: one request, one transaction). With concurrency > 1, final reports that
// are ready while another is in flight go together in one batch report (one request, one
// transaction, each item fenced by its own lease token and answered on its own).
import type { RunyardClient } from "@/lib/client/runyard-client";
import { RunyardApiError } from "@/lib/client/errors";
import type { BatchReportResult, ClaimedRun, RunReportBody } from "@/lib/contract/runs";

export type FinalReport = Omit<RunReportBody, "next"> & { state: "COMPLETED" | "FAILED" | "ABORTED" };

type Pending = { runId: string; report: FinalReport; resolve: () => void; reject: (error: unknown) => void };

export type FinalReportsOptions = {
  client: RunyardClient;
  workerId: string;
  /** Batch reports (POST /workers/{id}/reports) rather than one report per request. */
  batch: boolean;
  /** How many runs to claim with reports that free `finishing` slots; 0: claim nothing. */
  nextMax: (finishing: number) => number;
  /** Runs claimed with a report: started before the reports' jobs count as done. */
  onClaimed: (runs: ClaimedRun[]) => void;
};

export class FinalReports {
  private waiting: Pending[] = [];
  private inFlight = false;

  constructor(private readonly options: FinalReportsOptions) {}

  /** Resolves when the report landed; rejects as the single report would (RunyardApiError per item). */
  send(runId: string, report: FinalReport): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ runId, report, resolve, reject });
      if (!this.options.batch) void this.flush(this.waiting.splice(0));
      else if (!this.inFlight) void this.flushBatches();
    });
  }

  /** One batch in flight at a time: reports that end meanwhile ride on the next one. */
  private async flushBatches() {
    this.inFlight = true;
    try {
      while (this.waiting.length > 0) await this.flush(this.waiting.splice(0, 100));
    } finally {
      this.inFlight = false;
    }
  }

  private async flush(items: Pending[]) {
    const max = this.options.nextMax(items.length);
    const next = max > 0 ? { next: { max, waitSeconds: 0 } } : {};
    try {
      if (items.length === 1 && !this.options.batch) {
        const [item] = items as [Pending];
        const answer = await this.options.client.reportComputeWorkerRun(item.runId, { ...item.report, ...next });
        if (answer.next?.length) this.options.onClaimed(answer.next);
        item.resolve();
        return;
      }
      const answer = await this.options.client.reportComputeWorkerRuns(this.options.workerId, {
        reports: items.map((item) => ({ runId: item.runId, ...item.report })),
        ...next,
      });
      if (answer.next?.length) this.options.onClaimed(answer.next);
      const byRun = new Map(answer.results.map((result: BatchReportResult) => [result.runId, result]));
      for (const item of items) {
        const result = byRun.get(item.runId);
        if (result?.ok) item.resolve();
        else if (result) item.reject(new RunyardApiError(result.problem.status, { ...result.problem, requestId: "" }));
        else item.reject(new Error(`the batch report did not answer for run ${item.runId}`));
      }
    } catch (error) {
      // The request as a whole failed: every item is retried by its reporter (a final report
      // that did land is answered again, not refused).
      for (const item of items) item.reject(error);
    }
  }
}
