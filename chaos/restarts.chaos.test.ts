// PostgreSQL and the app restarted under load (issue 8). While the database is down the API
// answers 503 with Retry-After (never 500); agents back off and resume; afterwards every run
// ended exactly once and no job ran twice — an outage must not expire the leases of agents
// that were alive all along but could not reach the control plane.
import { afterEach, describe, expect, it } from "vitest";
import { chaosSize } from "@/lib/testing/chaos/chaos-size";
import { printFigures, startChaosStack, type ChaosStack } from "@/lib/testing/chaos/chaos-stack";
import { checkLedger } from "@/lib/testing/chaos/ledger-check";
import { startRestartableDatabase } from "@/lib/testing/chaos/restartable-database";
import { eventually } from "@/lib/testing/agent-harness";

const LEASE_S = 3;
// Each outage lasts twice the lease: long enough that every held lease would run out.
const DOWN_MS = 2 * LEASE_S * 1000;
const ENV = { RUNYARD_LEASE_S: String(LEASE_S), RUNYARD_WORKER_OFFLINE_AFTER_S: "10", RUNYARD_SWEEP_INTERVAL_MS: "200" };
const size = chaosSize();

const database = await startRestartableDatabase();
let stack: ChaosStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

type Probe = { status: number; retryAfter: string | null; type: string | null };

/** Calls the API over and over until stopped; every answer is kept. */
function probeApi(s: ChaosStack) {
  const answers: Probe[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const [method, path, body] of [["GET", "/api/v1/runs?limit=1"], ["POST", "/api/v1/runs", "{}"], ["GET", "/api/v1/workers"]] as const) {
        try {
          const response = await fetch(s.servers[0]!.url + path, {
            method,
            body,
            headers: { authorization: `Bearer ${await s.tokenFor("admin")}`, "content-type": "application/json" },
            signal: AbortSignal.timeout(10_000),
          });
          await response.text();
          answers.push({ status: response.status, retryAfter: response.headers.get("retry-after"), type: response.headers.get("content-type") });
        } catch {
          answers.push({ status: 0, retryAfter: null, type: null }); // not listening (app restart)
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    answers,
    async stop() {
      running = false;
      await loop;
    },
  };
}

async function underLoad(s: ChaosStack, scenario: string, outage: () => Promise<void>) {
  for (let i = 0; i < 4; i++) await s.agent(`steady-${i}`, 0, ["--concurrency", "2"], "1");
  const scheduled = await s.schedule(size.restartRuns, [0], { maxAttempts: 20 });
  const started = Date.now();
  const duringOutage: Probe[] = [];
  for (let r = 1; r <= size.restarts; r++) {
    // Restart while jobs are running, at evenly spaced points of progress.
    await eventually(() => s.ledger().filter((e) => e.event === "end").length >= (r / (size.restarts + 1)) * size.restartRuns, `progress before restart ${r}`, 10 * 60_000);
    const probe = probeApi(s);
    await outage();
    await probe.stop();
    duringOutage.push(...probe.answers);
  }
  await eventually(async () => (await s.unfinished()) === 0, "every run to finish", 15 * 60_000);
  const records = await s.records();
  const verdict = checkLedger({ scheduled, ...records, ledger: s.ledger() });
  const count = (p: (a: Probe) => boolean) => duringOutage.filter(p).length;
  printFigures(scenario, {
    form: size.form, runs: scheduled.length, restarts: size.restarts, downMs: DOWN_MS, lost: verdict.lost.length, duplicated: verdict.duplicated.length,
    requeued: records.events.filter((e) => e.type === "REQUEUED").length, probes: duringOutage.length, http503: count((a) => a.status === 503),
    other5xx: count((a) => a.status >= 500 && a.status !== 503), refused: count((a) => a.status === 0), seconds: Math.round((Date.now() - started) / 1000),
  });
  expect(verdict.problems.slice(0, 20)).toEqual([]);
  expect(records.runs.filter((r) => r.state !== "COMPLETED")).toEqual([]);
  expect(duringOutage.filter((a) => a.status >= 500 && (a.status !== 503 || a.retryAfter === null || !a.type?.startsWith("application/problem+json")))).toEqual([]);
  return { duringOutage, records };
}

describe("restarts under load", () => {
  it(`PostgreSQL stopped for ${DOWN_MS / 1000} s (twice the lease) while jobs run: 503 + Retry-After meanwhile, nothing lost or run twice`, async () => {
    stack = await startChaosStack({ databaseUrl: database.url, env: ENV });
    const s = stack;
    const { duringOutage } = await underLoad(s, "database restart", async () => {
      await database.stop();
      await new Promise((r) => setTimeout(r, DOWN_MS));
      await database.start();
    });
    expect(duringOutage.some((a) => a.status === 503)).toBe(true);
  });

  it(`the app stopped for ${DOWN_MS / 1000} s (twice the lease) while jobs run: agents back off and resume, nothing lost or run twice`, async () => {
    stack = await startChaosStack({ databaseUrl: database.url, env: ENV });
    const s = stack;
    await underLoad(s, "app restart", () => s.restartServer(0, DOWN_MS));
  });
});
