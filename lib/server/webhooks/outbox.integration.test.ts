// The outbox is written in the transaction that changes the state: by the trigger on runs for
// run.state_changed, by the worker-state sweep (under its lock) for worker.state_changed.
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { newTeam } from "@/lib/testing/fixtures";
import { sweepWorkerStates } from "@/lib/server/webhooks/worker-states";

const PUBLIC_URL = "http://93.184.216.34/runyard";

type Row = { event: string; payload: { previousState: string | null; run?: { id: string; state: string; workerName: string | null }; worker?: { id: string; state: string; draining: boolean } } };
const outbox = async (teamId: string, event?: string) =>
  (await pool().query<Row>(`SELECT event, payload FROM webhook_deliveries WHERE team_id = $1 AND ($2::text IS NULL OR event = $2) ORDER BY created_at, id`, [teamId, event ?? null])).rows;

describe("run.state_changed", () => {
  it("writes one row per subscribed endpoint for every change of a run's state, and none for progress", async () => {
    const team = await newTeam();
    await team.admin.createWebhook({ url: `${PUBLIC_URL}/a`, events: ["run.state_changed"] });
    await team.admin.createWebhook({ url: `${PUBLIC_URL}/b`, events: ["worker.state_changed"] });
    const worker = await team.admin.registerComputeWorker({ name: "hooked-gpu", labels: ["gpu"] });
    const run = await team.admin.scheduleComputeWorkerRun({ name: "hooked", runsOn: ["gpu"] });
    const agent = await team.client("worker", worker.id);
    const [claimed] = (await agent.claimComputeWorkerRuns(worker.id)).runs;
    await agent.reportComputeWorkerRun(run.id, { leaseToken: claimed!.leaseToken, state: "RUNNING", progress: 10 });
    await agent.reportComputeWorkerRun(run.id, { leaseToken: claimed!.leaseToken, progress: 50, message: "half way" });
    await agent.reportComputeWorkerRun(run.id, { leaseToken: claimed!.leaseToken, state: "COMPLETED" });
    const rows = await outbox(team.teamId, "run.state_changed");
    expect(rows.map((r) => [r.payload.previousState, r.payload.run!.state])).toEqual([[null, "OPEN"], ["OPEN", "LOCKED"], ["LOCKED", "RUNNING"], ["RUNNING", "COMPLETED"]]);
    expect(rows.every((r) => r.payload.run!.id === run.id)).toBe(true);
    expect(rows[3]!.payload.run).toMatchObject({ workerName: "hooked-gpu", progress: 100, finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
  });

  it("writes nothing for a team without a subscribed endpoint", async () => {
    const team = await newTeam();
    await team.admin.createWebhook({ url: PUBLIC_URL, events: ["worker.state_changed"] });
    const quiet = await newTeam();
    for (const t of [team, quiet]) {
      const run = await t.admin.scheduleComputeWorkerRun({ runsOn: [] });
      await t.admin.cancelComputeWorkerRun(run.id);
    }
    expect(await outbox(team.teamId, "run.state_changed")).toEqual([]);
    expect(await outbox(quiet.teamId)).toEqual([]);
  });

  it("lands with the change or not at all: a rolled-back change leaves no row", async () => {
    const team = await newTeam();
    await team.admin.createWebhook({ url: PUBLIC_URL, events: ["run.state_changed"] });
    const run = await team.admin.scheduleComputeWorkerRun({ runsOn: ["cpu"] });
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      await client.query("UPDATE runs SET state = 'CANCELED', finished_at = now() WHERE id = $1", [run.id]);
      const inside = await client.query("SELECT count(*)::int AS n FROM webhook_deliveries WHERE team_id = $1", [team.teamId]);
      expect(inside.rows[0].n).toBe(2);
      expect((await outbox(team.teamId)).length).toBe(1); // not visible outside until it commits
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    expect((await outbox(team.teamId)).map((r) => r.payload.run!.state)).toEqual(["OPEN"]);
    await team.admin.cancelComputeWorkerRun(run.id);
    expect((await outbox(team.teamId)).map((r) => r.payload.run!.state)).toEqual(["OPEN", "CANCELED"]);
  });
});

describe("worker.state_changed", () => {
  const states = async (teamId: string) => (await outbox(teamId, "worker.state_changed")).map((r) => [r.payload.worker!.id, r.payload.previousState, r.payload.worker!.state, r.payload.worker!.draining]);

  it("starts silent for the workers a team has when it subscribes, then announces each change once across concurrent sweeps", async () => {
    const team = await newTeam();
    const existing = await team.admin.registerComputeWorker({ name: "before-hook", labels: ["gpu"] });
    await team.admin.createWebhook({ url: PUBLIC_URL, events: ["worker.state_changed"] });
    await Promise.all(Array.from({ length: 5 }, sweepWorkerStates));
    expect(await states(team.teamId)).toEqual([]);

    const fresh = await team.admin.registerComputeWorker({ name: "after-hook", labels: ["cpu"] });
    await Promise.all(Array.from({ length: 5 }, sweepWorkerStates));
    expect(await states(team.teamId)).toEqual([[fresh.id, null, "OFFLINE", false]]);

    await (await team.client("worker", existing.id)).heartbeatComputeWorker(existing.id);
    await team.admin.drainComputeWorker(fresh.id);
    await Promise.all(Array.from({ length: 5 }, sweepWorkerStates));
    await Promise.all(Array.from({ length: 5 }, sweepWorkerStates));
    expect((await states(team.teamId)).slice(1)).toEqual(expect.arrayContaining([[existing.id, "OFFLINE", "IDLE", false], [fresh.id, "OFFLINE", "OFFLINE", true]]));
    expect(await states(team.teamId)).toHaveLength(3);
  });

  it("announces OFFLINE once the last contact is older than the offline threshold, CRASHED from the lease sweep, and a retirement", async () => {
    const team = await newTeam();
    const worker = await team.admin.registerComputeWorker({ name: "fading", labels: [] });
    await (await team.client("worker", worker.id)).heartbeatComputeWorker(worker.id);
    await team.admin.createWebhook({ url: PUBLIC_URL, events: ["worker.state_changed"] });
    await pool().query("UPDATE workers SET last_seen_at = now() - interval '1 hour' WHERE id = $1", [worker.id]);
    await sweepWorkerStates();
    await pool().query("UPDATE workers SET crashed_at = now() WHERE id = $1", [worker.id]);
    await sweepWorkerStates();
    await sweepWorkerStates();
    await team.admin.deleteComputeWorker(worker.id);
    await sweepWorkerStates();
    await sweepWorkerStates();
    expect((await states(team.teamId)).map(([, from, to]) => [from, to])).toEqual([["IDLE", "OFFLINE"], ["OFFLINE", "CRASHED"], ["CRASHED", "RETIRED"]]);
    expect((await pool().query("SELECT count(*)::int AS n FROM worker_reported_states WHERE team_id = $1", [team.teamId])).rows[0].n).toBe(0);
  });

  it("forgets a team's worker states when its last worker subscription is deleted", async () => {
    const team = await newTeam();
    await team.admin.registerComputeWorker({ name: "kept", labels: [] });
    const hook = await team.admin.createWebhook({ url: PUBLIC_URL, events: ["worker.state_changed"] });
    expect((await pool().query("SELECT count(*)::int AS n FROM worker_reported_states WHERE team_id = $1", [team.teamId])).rows[0].n).toBe(1);
    await team.admin.deleteWebhook(hook.id);
    expect((await pool().query("SELECT count(*)::int AS n FROM worker_reported_states WHERE team_id = $1", [team.teamId])).rows[0].n).toBe(0);
  });
});
