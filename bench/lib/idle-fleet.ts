// Many simulated idle agents long-polling one app instance over loopback (issue 18, and the
// herd scenario of issue 16): each agent is a loop of POST /workers/{id}/claim {max 1,
// waitSeconds}; a claimed run is reported COMPLETED at once and the loop polls again. One
// keep-alive http.Agent with a socket per agent, as 2,000 separate agent processes would have.
import http from "node:http";
import { backoffDelay } from "@/cli/agent/backoff";
import { createToken } from "@/lib/server/auth/tokens";
import { parseScrape, samplesOf } from "@/lib/testing/prometheus-scrape";
import type { BenchContext, BenchTeam } from "./types";

export type IdleAgent = { id: string; labels: string[]; token: string };

type Json = Record<string, unknown>;

export class LoopbackClient {
  readonly agent: http.Agent;
  constructor(
    private readonly baseUrl: string,
    sockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  request(method: string, path: string, token: string, body?: Json): Promise<{ status: number; json: Json | undefined; text: string }> {
    const url = new URL(path, this.baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method,
          agent: this.agent,
          headers: { authorization: `Bearer ${token}`, ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString();
            let json: Json | undefined;
            try {
              json = text ? (JSON.parse(text) as Json) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, json, text });
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/** Registers `count` workers (worker i labelled `kinds[i % kinds.length]`), each with its own bound token. */
export async function registerIdleFleet(ctx: BenchContext, team: BenchTeam, prefix: string, kinds: string[][], count: number): Promise<IdleAgent[]> {
  const agents: IdleAgent[] = [];
  const next = { i: 0 };
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next.i++; i < count; i = next.i++) {
        const labels = kinds[i % kinds.length]!;
        const worker = await team.admin.registerComputeWorker({ name: `${prefix}-${i}`, labels });
        const token = await createToken({ teamId: team.teamId, scope: "worker", name: `${prefix}-${i}`, workerId: worker.id });
        agents[i] = { id: worker.id, labels, token: token.secret };
      }
    }),
  );
  void ctx;
  return agents;
}

export type FleetLoop = {
  /** runId → ms from `scheduled(runId)` to the agent receiving the run */
  pickups: Map<string, number>;
  taken: Map<string, number>;
  errors: string[];
  polls: number;
  /** Resolves when the run is received by some agent. */
  whenTaken(runId: string): Promise<void>;
  scheduled(runId: string, at: number): void;
  stop(): Promise<void>;
};

/** Starts every agent's poll loop (their first polls spread over `spreadMs`). */
export function startPolling(client: LoopbackClient, agents: IdleAgent[], options: { waitSeconds: number; spreadMs: number }): FleetLoop {
  let stopping = false;
  const scheduledAt = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const early = new Map<string, number>();
  const loop: FleetLoop = {
    pickups: new Map(),
    taken: new Map(),
    errors: [],
    polls: 0,
    whenTaken: (runId) => (loop.taken.has(runId) ? Promise.resolve() : new Promise((resolve) => waiters.set(runId, resolve))),
    scheduled: (runId, at) => {
      scheduledAt.set(runId, at);
      const got = early.get(runId);
      if (got !== undefined) loop.pickups.set(runId, got - at);
    },
    stop: async () => {
      stopping = true;
      client.close();
      await Promise.allSettled(running);
    },
  };
  const running = agents.map(async (agent, index) => {
    await new Promise((r) => setTimeout(r, (index / agents.length) * options.spreadMs));
    // Failures back off as the real agent does (cli/agent/backoff.ts: 500 ms doubling to 10 s, jittered).
    let failures = 0;
    while (!stopping) {
      try {
        loop.polls++;
        const answer = await client.request("POST", `/api/v1/workers/${agent.id}/claim`, agent.token, { max: 1, waitSeconds: options.waitSeconds });
        if (answer.status !== 200) {
          if (!stopping) loop.errors.push(`claim ${answer.status}: ${answer.text.slice(0, 200)}`);
          await new Promise((r) => setTimeout(r, backoffDelay(failures++, 500, 10_000)));
          continue;
        }
        failures = 0;
        const runs = (answer.json?.runs ?? []) as { id: string; leaseToken: number }[];
        for (const run of runs) {
          const now = performance.now();
          const at = scheduledAt.get(run.id);
          if (at === undefined) early.set(run.id, now);
          else loop.pickups.set(run.id, now - at);
          loop.taken.set(run.id, (loop.taken.get(run.id) ?? 0) + 1);
          waiters.get(run.id)?.();
          const report = await client.request("POST", `/api/v1/runs/${run.id}/events`, agent.token, { leaseToken: run.leaseToken, state: "COMPLETED" });
          if (report.status !== 200) loop.errors.push(`report ${report.status}: ${report.text.slice(0, 200)}`);
        }
      } catch (error) {
        if (!stopping) {
          loop.errors.push((error as Error).message);
          await new Promise((r) => setTimeout(r, backoffDelay(failures++, 500, 10_000)));
        }
      }
    }
  });
  return loop;
}

/** The app's own figures, from GET /metrics (this instance): RSS, event-loop lag, claim transactions of the team. */
export async function scrapeApp(client: LoopbackClient, adminToken: string, teamName: string) {
  let answer = await client.request("GET", "/metrics", adminToken);
  // A loaded instance may answer 503 (its pool waited too long); the scrape is retried.
  for (let retry = 0; answer.status === 503 && retry < 10; retry++) {
    await new Promise((r) => setTimeout(r, 1000));
    answer = await client.request("GET", "/metrics", adminToken);
  }
  const { status, text } = answer;
  if (status !== 200) throw new Error(`/metrics answered ${status}: ${text.slice(0, 200)}`);
  const scrape = parseScrape(text);
  const one = (name: string, labels: Record<string, string> = {}) => samplesOf(scrape, name, labels).reduce((sum, s) => sum + s.value, 0);
  return {
    rssBytes: one("process_resident_memory_bytes"),
    cpuSeconds: one("process_cpu_seconds_total"),
    heapBytes: one("nodejs_heap_size_used_bytes"),
    lagP99Ms: one("nodejs_eventloop_lag_p99_seconds") * 1000,
    lagMaxMs: one("nodejs_eventloop_lag_max_seconds") * 1000,
    claimTransactions: one("runyard_claim_transactions_total", { team: teamName }),
  };
}

export async function commits(ctx: BenchContext): Promise<number> {
  const { rows } = await ctx.db.query<{ n: string }>("SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()");
  return Number(rows[0]?.n ?? 0);
}

export async function teamName(ctx: BenchContext, teamId: string): Promise<string> {
  const { rows } = await ctx.db.query<{ name: string }>("SELECT name FROM teams WHERE id = $1", [teamId]);
  return rows[0]!.name;
}

/** Waits until `probe()` stops changing for `quietMs` (e.g. the first polls' claims have settled). */
export async function settle(probe: () => Promise<number>, quietMs: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = await probe();
  let since = Date.now();
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await probe();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
  }
}
