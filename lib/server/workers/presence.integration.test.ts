// Coalesced last_seen_at (docs/scaling.md): idle long-polls and idle heartbeats do not write
// the worker's row each time, yet a worker in contact is never shown OFFLINE and one that
// stops calling in is OFFLINE within RUNYARD_WORKER_OFFLINE_AFTER_S of its last contact.
// This file runs with a 6 s OFFLINE threshold (presence interval 2 s) to keep it short.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { claimStats } from "@/lib/server/claims/claim-runs";
import { wakeups } from "@/lib/server/claims/wakeups";
import { presence, presenceIntervalMs } from "@/lib/server/workers/presence";
import { teamWithWorkers } from "@/lib/testing/scenario";

const OFFLINE_AFTER_S = 6;
const saved = process.env.RUNYARD_WORKER_OFFLINE_AFTER_S;
const envCache = globalThis as unknown as { runyardEnv?: unknown };

beforeAll(() => {
  process.env.RUNYARD_WORKER_OFFLINE_AFTER_S = String(OFFLINE_AFTER_S);
  envCache.runyardEnv = undefined;
});

afterAll(async () => {
  if (saved === undefined) delete process.env.RUNYARD_WORKER_OFFLINE_AFTER_S;
  else process.env.RUNYARD_WORKER_OFFLINE_AFTER_S = saved;
  envCache.runyardEnv = undefined;
  await wakeups().close();
});

async function dbNow(): Promise<Date> {
  return (await pool().query<{ now: Date }>("SELECT clock_timestamp() AS now")).rows[0]!.now;
}

async function row(workerId: string) {
  return (await pool().query<{ last_seen_at: Date; xmin: string }>("SELECT last_seen_at, xmin::text FROM workers WHERE id = $1", [workerId])).rows[0]!;
}

describe("coalesced last_seen_at", () => {
  it("a worker whose polls wait without claiming stays online, and goes OFFLINE within the bound once it stops", async () => {
    expect(presenceIntervalMs()).toBe(2000);
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: ["presence"] }]);
    await wakeups().ready();
    expect((await w!.client.claimComputeWorkerRuns(w!.id, { waitSeconds: 1 })).runs).toEqual([]);
    const claimsBefore = claimStats.claims;
    const writesBefore = presence().stats.rowsWritten;

    // Polls of 3 s for three OFFLINE thresholds (on the database's clock), watching its state.
    const until = (await dbNow()).getTime() + 3 * OFFLINE_AFTER_S * 1000;
    let polling = true;
    const states = new Set<string>();
    const polls = (async () => {
      while ((await dbNow()).getTime() < until) await w!.client.claimComputeWorkerRuns(w!.id, { waitSeconds: 3 });
      polling = false;
    })();
    while (polling) {
      states.add((await admin.getComputeWorkerById(w!.id)).state);
      await new Promise((r) => setTimeout(r, 100));
    }
    await polls;
    const lastContact = await dbNow();

    expect([...states]).toEqual(["IDLE"]);
    // Nothing claimable arrived: the polls waited on LISTEN/NOTIFY without a single claim, so
    // only the presence writer kept last_seen_at fresh — about once per interval, not per poll.
    expect(claimStats.claims - claimsBefore).toBe(0);
    const writes = presence().stats.rowsWritten - writesBefore;
    expect(writes).toBeGreaterThanOrEqual(3);
    expect(writes).toBeLessThanOrEqual((3 * OFFLINE_AFTER_S * 1000) / presenceIntervalMs() + 2);

    // Its recorded contact lags the real one by less than the threshold (never a false
    // OFFLINE), and it is never later than the real one (OFFLINE no later than the bound).
    await presence().flush();
    const seen = (await row(w!.id)).last_seen_at;
    expect(lastContact.getTime() - seen.getTime()).toBeLessThan(OFFLINE_AFTER_S * 1000);
    // (+1 ms: last_seen_at is timestamptz(3), rounded to the millisecond — possibly up — while
    // JavaScript's Date truncates the database clock's microseconds.)
    expect(seen.getTime()).toBeLessThanOrEqual(lastContact.getTime() + 1);
    for (;;) {
      if ((await admin.getComputeWorkerById(w!.id)).state === "OFFLINE") break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  it("idle heartbeats write the row at most once per interval, and at once when the agent's info changes", async () => {
    const { workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const info = { version: "1.2.3", hostname: "host-a" };
    await w!.client.heartbeatComputeWorker(w!.id, { info, runs: [] });
    // As if its row had just been written: for the next minute, nothing is due.
    await pool().query("UPDATE workers SET last_seen_at = now() + interval '1 minute' WHERE id = $1", [w!.id]);
    const first = await row(w!.id);
    for (let i = 0; i < 5; i++) await w!.client.heartbeatComputeWorker(w!.id, { info, runs: [] });
    await presence().flush();
    const later = await row(w!.id);
    expect(later.xmin).toBe(first.xmin);
    await w!.client.heartbeatComputeWorker(w!.id, { info: { ...info, hostname: "host-b" }, runs: [] });
    const changed = await row(w!.id);
    expect(changed.xmin).not.toBe(later.xmin);
    expect((await pool().query("SELECT hostname FROM workers WHERE id = $1", [w!.id])).rows[0].hostname).toBe("host-b");
  });

  it("an idle heartbeat brings a CRASHED worker back at once", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    await w!.client.heartbeatComputeWorker(w!.id, { runs: [] });
    await pool().query("UPDATE workers SET crashed_at = now() WHERE id = $1", [w!.id]);
    expect((await admin.getComputeWorkerById(w!.id)).state).toBe("CRASHED");
    await w!.client.heartbeatComputeWorker(w!.id, { runs: [] });
    expect((await admin.getComputeWorkerById(w!.id)).state).toBe("IDLE");
  });

  it("a token's last use is recorded in the next batch, at most once a minute", async () => {
    const { workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const tokenOf = async () => (await pool().query<{ last_used_at: Date | null; xmin: string }>("SELECT last_used_at, xmin::text FROM api_tokens WHERE worker_id = $1", [w!.id])).rows[0]!;
    await w!.client.heartbeatComputeWorker(w!.id, { runs: [] });
    await presence().flush(); // may be the tick that was already under way
    await presence().flush();
    const first = await tokenOf();
    expect(first.last_used_at).not.toBeNull();
    for (let i = 0; i < 3; i++) await w!.client.heartbeatComputeWorker(w!.id, { runs: [] });
    await presence().flush();
    expect((await tokenOf()).xmin).toBe(first.xmin);
  });
});
