// Realistic data for screenshots: a dozen workers across labels and runs in every state, with
// an hour of history, made through the API as agents and schedulers would (plus a little SQL
// to spread timestamps over the hour).
import { RunyardClient } from "@/lib/client/runyard-client";
import { pool } from "@/lib/db/pool";
import { createToken } from "@/lib/server/auth/tokens";
import type { TeamFixture } from "./fixtures";

const FLEET: { name: string; labels: string[]; concurrency?: number; online?: boolean }[] = [
  { name: "a100-fra-01", labels: ["gpu", "gpu-A100", "fra", "team_vision"], concurrency: 2, online: true },
  { name: "a100-fra-02", labels: ["gpu", "gpu-A100", "fra", "team_vision"], concurrency: 2, online: true },
  { name: "a100-ams-01", labels: ["gpu", "gpu-A100", "ams"], online: true },
  { name: "h100-ams-01", labels: ["gpu", "gpu-H100", "ams"], concurrency: 4, online: true },
  { name: "h100-ams-02", labels: ["gpu", "gpu-H100", "ams"], concurrency: 4, online: true },
  { name: "l4-inference-01", labels: ["gpu", "gpu-L4", "inference"], online: true },
  { name: "cpu-etl-01", labels: ["cpu", "etl"], concurrency: 8, online: true },
  { name: "cpu-etl-02", labels: ["cpu", "etl"], concurrency: 8 },
  { name: "cpu-highmem-01", labels: ["cpu", "highmem"], online: true },
  { name: "bob-workstation", labels: ["gpu", "gpu-4090", "bobs_worker"] },
  { name: "a100-ams-02", labels: ["gpu", "gpu-A100", "ams"], online: true },
  { name: "old-v100", labels: ["gpu", "gpu-V100"] },
];

type SeededWorker = (typeof FLEET)[number] & { id: string; agent: RunyardClient };

export async function seedFleet(team: TeamFixture) {
  const workers: SeededWorker[] = [];
  for (const spec of FLEET) {
    const worker = await team.api.registerComputeWorker({ name: spec.name, labels: spec.labels, maxConcurrency: spec.concurrency });
    const token = await createToken({ teamId: team.teamId, scope: "worker", name: `${spec.name} agent`, workerId: worker.id });
    const agent = new RunyardClient({ baseUrl: process.env.RUNYARD_E2E_URL!, token: token.secret });
    workers.push({ ...spec, id: worker.id, agent });
  }
  // Online agents heartbeat every second (leases stay alive, workers show online) until stopped.
  const beat = () => Promise.all(workers.filter((w) => w.online).map((w) => w.agent.heartbeatComputeWorker(w.id, { info: { version: "0.1.0", hostname: `${w.name}.internal`, facts: w.labels.includes("gpu") ? { gpu: w.labels.find((l) => l.startsWith("gpu-"))?.replace("gpu-", "NVIDIA ") ?? "GPU" } : {} } }).catch(() => undefined)));
  const heartbeats = setInterval(() => void beat(), 1000);
  const runOn = async (workerName: string, runsOn: string[], name: string, finish?: "COMPLETED" | "FAILED", progress = 0) => {
    const run = await team.api.scheduleComputeWorkerRun({ name, runsOn, config: { model: name.split("-")[0], epochs: 20 }, priority: name.includes("hot") ? "HIGH" : "MID" });
    const worker = workers.find((w) => w.name === workerName)!;
    const { runs } = await worker.agent.claimComputeWorkerRuns(worker.id, { max: 1 });
    const claimed = runs.find((r) => r.id === run.id) ?? runs[0]!;
    await worker.agent.reportComputeWorkerRun(claimed.id, { leaseToken: claimed.leaseToken, state: "RUNNING", progress });
    await worker.agent.appendComputeWorkerRunLogs(claimed.id, { leaseToken: claimed.leaseToken, lines: [{ line: `loading ${name}` }, { line: "epoch 1/20 loss=0.91" }, { line: `epoch 2/20 loss=0.74` }, { line: "warning: lr warmup", stream: "stderr" }] });
    if (finish) await worker.agent.reportComputeWorkerRun(claimed.id, { leaseToken: claimed.leaseToken, state: finish, ...(finish === "FAILED" ? { exitCode: 1, message: "exited with code 1\nRuntimeError: CUDA out of memory" } : {}) });
    return claimed;
  };
  // Finished work over the last hour.
  for (let i = 0; i < 14; i++) await runOn(i % 2 ? "a100-fra-01" : "h100-ams-01", i % 2 ? ["gpu-A100"] : ["gpu-H100"], `resnet-${i}`, i === 5 || i === 11 ? "FAILED" : "COMPLETED");
  for (let i = 0; i < 6; i++) await runOn("cpu-etl-01", ["etl"], `etl-shard-${i}`, "COMPLETED");
  // Work in flight.
  await runOn("a100-fra-02", ["gpu", "gpu-A100"], "vit-large-hot", undefined, 62);
  await runOn("h100-ams-02", ["gpu-H100"], "llama-finetune", undefined, 18);
  await runOn("cpu-highmem-01", ["highmem"], "dedupe-index", undefined, 87);
  const claimedOnly = await team.api.scheduleComputeWorkerRun({ name: "embed-batch", runsOn: ["inference"] });
  const l4 = workers.find((w) => w.name === "l4-inference-01")!;
  await l4.agent.claimComputeWorkerRuns(l4.id);
  // Queue: some waiting for busy workers, one nobody can take, one waiting behind a dataset.
  for (let i = 0; i < 5; i++) await team.api.scheduleComputeWorkerRun({ name: `sweep-lr-${i}`, runsOn: ["gpu", "gpu-A100", "team_vision"], priority: i === 0 ? "CRITICAL" : "MID" });
  await team.api.scheduleComputeWorkerRun({ name: "h200-benchmark", runsOn: ["gpu-H200"] });
  await team.api.scheduleComputeWorkerRun({ name: "typo-run", runsOn: ["GPU"] });
  // Cancelled, aborted and crashed runs.
  const cancelled = await team.api.scheduleComputeWorkerRun({ name: "old-experiment", runsOn: ["gpu-V100"] });
  await team.api.cancelComputeWorkerRun(cancelled.id);
  const aborted = await runOn("h100-ams-01", ["gpu-H100"], "bad-config");
  await team.api.cancelComputeWorkerRun(aborted.id);
  const h100 = workers.find((w) => w.name === "h100-ams-01")!;
  await h100.agent.reportComputeWorkerRun(aborted.id, { leaseToken: aborted.leaseToken, state: "ABORTED", message: "aborted (cancelled)" });
  await pool().query(
    `UPDATE runs SET state = 'CRASHED', progress = 41, finished_at = now(), lease_expires_at = NULL WHERE id = (
       SELECT id FROM runs WHERE team_id = $1 AND name = 'resnet-3')`,
    [team.teamId],
  );
  // Spread the history over the hour, so the charts have a shape.
  await pool().query(
    `UPDATE runs SET created_at = now() - make_interval(secs => 3500 - rn * 140),
                     claimed_at = now() - make_interval(secs => 3500 - rn * 140) + make_interval(secs => 5 + (rn % 7) * 9),
                     started_at = now() - make_interval(secs => 3500 - rn * 140) + make_interval(secs => 6 + (rn % 7) * 9),
                     finished_at = now() - make_interval(secs => 3500 - rn * 140) + make_interval(secs => 40 + (rn % 7) * 9 + (rn % 5) * 10)
       FROM (SELECT id AS rid, (row_number() OVER (ORDER BY created_at))::int AS rn FROM runs WHERE team_id = $1 AND state IN ('COMPLETED', 'FAILED', 'CRASHED')) ordered
      WHERE runs.id = ordered.rid`,
    [team.teamId],
  );
  // One worker drains, one crashed while holding a run.
  await beat();
  await team.api.drainComputeWorker(workers.find((w) => w.name === "cpu-highmem-01")!.id);
  await pool().query("UPDATE workers SET crashed_at = now() - interval '3 minutes', last_seen_at = now() - interval '4 minutes' WHERE id = $1", [workers.find((w) => w.name === "old-v100")!.id]);
  return { workers, claimedOnly, stop: () => clearInterval(heartbeats) };
}
