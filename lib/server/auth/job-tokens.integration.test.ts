// Job tokens (RUNYARD_JOB_TOKEN): a job may read its own run, append its logs and report its
// progress and message — nothing else, no other run, and not once its attempt is over.
import { describe, expect, it } from "vitest";
import { RunyardApiError, RunyardClient } from "@/lib/client/runyard-client";
import { pool } from "@/lib/db/pool";
import { jobTokenSecret, signJobToken, verifyJobToken } from "@/lib/server/auth/job-tokens";
import { expireLeases } from "@/lib/server/runs/expire-leases";
import { inProcessFetch } from "@/lib/testing/in-process-fetch";
import { teamWithWorkers } from "@/lib/testing/scenario";

const jobClient = (token: string) => new RunyardClient({ baseUrl: "http://runyard.test", token, fetch: inProcessFetch, validateResponses: true });

async function refusal(promise: Promise<unknown>): Promise<RunyardApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RunyardApiError);
  return error as RunyardApiError;
}

/** A team with one worker holding one RUNNING run, and a second run of the same team. */
async function heldRun() {
  const team = await teamWithWorkers([{ labels: [] }]);
  const worker = team.workers[0]!;
  const run = await team.admin.scheduleComputeWorkerRun({ name: "train" });
  const [claimed] = (await worker.client.claimComputeWorkerRuns(worker.id)).runs;
  expect(claimed!.id).toBe(run.id);
  await worker.client.reportComputeWorkerRun(run.id, { leaseToken: claimed!.leaseToken, state: "RUNNING" });
  const other = await team.admin.scheduleComputeWorkerRun({ name: "other" });
  return { ...team, worker, claimed: claimed!, job: jobClient(claimed!.jobToken), other };
}

describe("job tokens", () => {
  it("each claimed attempt gets its own token, which carries the run, the attempt and the worker", async () => {
    const { claimed, worker } = await heldRun();
    expect(claimed.jobToken).toMatch(/^ryj_[A-Za-z0-9_-]{91}$/);
    expect(verifyJobToken(await jobTokenSecret(), claimed.jobToken)).toEqual({ runId: claimed.id, attempt: 1, workerId: worker.id });
  });

  it("reads its own run and logs, appends log lines and reports progress and a message", async () => {
    const { claimed, job, admin } = await heldRun();
    expect((await job.getComputeWorkerRunInfo(claimed.id)).name).toBe("train");
    expect(await job.appendComputeWorkerRunLogs(claimed.id, { leaseToken: 1, lines: [{ stream: "stdout", line: "from the job" }] })).toEqual({ appended: 1 });
    expect((await job.getComputeWorkerRunLogs(claimed.id)).items.map((l) => l.line)).toEqual(["from the job"]);
    await job.reportComputeWorkerRun(claimed.id, { leaseToken: 1, progress: 42, message: "epoch 3/7" });
    const run = await admin.getComputeWorkerRunInfo(claimed.id);
    expect(run).toMatchObject({ state: "RUNNING", progress: 42, message: "epoch 3/7" });
    expect(run.events.at(-1)).toMatchObject({ type: "MESSAGE", message: "epoch 3/7" });
  });

  it("is refused for another run of the same team (403), and that run is not touched", async () => {
    const { job, other, admin } = await heldRun();
    const read = await refusal(job.getComputeWorkerRunInfo(other.id));
    expect(read.status).toBe(403);
    expect(read.problem.detail).toContain("this token belongs to run");
    expect((await refusal(job.appendComputeWorkerRunLogs(other.id, { leaseToken: 1, lines: [{ stream: "stdout", line: "x" }] }))).status).toBe(403);
    expect((await refusal(job.getComputeWorkerRunLogs(other.id))).status).toBe(403);
    expect((await admin.getComputeWorkerRunLogs(other.id)).items).toEqual([]);
  });

  it("cannot change the run's state, claim, schedule, list, cancel or act as the worker", async () => {
    const { claimed, job, worker, admin } = await heldRun();
    for (const call of [
      () => job.reportComputeWorkerRun(claimed.id, { leaseToken: 1, state: "COMPLETED" }),
      () => job.reportComputeWorkerRun(claimed.id, { leaseToken: 1, state: "FAILED" }),
      () => job.claimComputeWorkerRuns(worker.id),
      () => job.heartbeatComputeWorker(worker.id, {}),
      () => job.scheduleComputeWorkerRun({}),
      () => job.getComputeWorkerRuns(),
      () => job.getComputeWorkers(),
      () => job.cancelComputeWorkerRun(claimed.id),
      () => job.getApiTokens(),
      () => job.me(),
    ]) {
      expect((await refusal(call())).status).toBe(403);
    }
    expect((await admin.getComputeWorkerRunInfo(claimed.id)).state).toBe("RUNNING");
  });

  it("is refused for another attempt's lease token", async () => {
    const { claimed, job } = await heldRun();
    expect((await refusal(job.reportComputeWorkerRun(claimed.id, { leaseToken: 2, progress: 5 }))).status).toBe(403);
  });

  it("stops working once the attempt ends (401), for reads too", async () => {
    const { claimed, job, worker } = await heldRun();
    await worker.client.reportComputeWorkerRun(claimed.id, { leaseToken: 1, state: "COMPLETED" });
    const refused = await refusal(job.getComputeWorkerRunInfo(claimed.id));
    expect(refused.status).toBe(401);
    expect(refused.problem.detail).toContain("the run is COMPLETED");
    expect((await refusal(job.appendComputeWorkerRunLogs(claimed.id, { leaseToken: 1, lines: [{ stream: "stdout", line: "late" }] }))).status).toBe(401);
  });

  it("stops working when the lease is lost, and the next attempt's token works while the old one does not", async () => {
    const { claimed, job, worker, admin } = await heldRun();
    await pool().query("UPDATE runs SET lease_expires_at = now() - interval '1 second' WHERE id = $1", [claimed.id]);
    await expireLeases();
    expect((await refusal(job.reportComputeWorkerRun(claimed.id, { leaseToken: 1, progress: 9 }))).status).toBe(401);

    const [again] = (await worker.client.claimComputeWorkerRuns(worker.id, { max: 5 })).runs.filter((r) => r.id === claimed.id);
    expect(again).toMatchObject({ attempt: 2 });
    expect(again!.jobToken).not.toBe(claimed.jobToken);
    expect((await refusal(job.getComputeWorkerRunInfo(claimed.id))).status).toBe(401);
    await jobClient(again!.jobToken).reportComputeWorkerRun(claimed.id, { leaseToken: 2, progress: 10 });
    expect((await admin.getComputeWorkerRunInfo(claimed.id)).progress).toBe(10);
  });

  it("rejects a forged or altered token (401)", async () => {
    const { claimed, worker, other } = await heldRun();
    const forged = signJobToken(Buffer.alloc(32, 7), { runId: claimed.id, attempt: 1, workerId: worker.id });
    expect((await refusal(jobClient(forged).getComputeWorkerRunInfo(claimed.id))).status).toBe(401);
    // Swap the run id inside a genuine token: the signature no longer matches.
    const genuine = Buffer.from(claimed.jobToken.slice(4), "base64url");
    Buffer.from(other.id.replaceAll("-", ""), "hex").copy(genuine, 0);
    const altered = `ryj_${genuine.toString("base64url")}`;
    expect((await refusal(jobClient(altered).getComputeWorkerRunInfo(other.id))).status).toBe(401);
    expect((await refusal(jobClient(`${claimed.jobToken.slice(0, -2)}AA`).getComputeWorkerRunInfo(claimed.id))).status).toBe(401);
  });

  it("is never accepted as an API token and an API token never as a job token", async () => {
    const { claimed } = await heldRun();
    const asApiToken = claimed.jobToken.replace(/^ryj_/, "ry_").slice(0, 43);
    expect((await refusal(jobClient(asApiToken).getComputeWorkerRunInfo(claimed.id))).status).toBe(401);
  });
});
