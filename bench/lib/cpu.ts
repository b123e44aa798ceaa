// CPU time per run, split by who spent it, from /proc (Linux): the app (the app server's
// process tree), PostgreSQL (the postmaster's tree — live backends plus the time of backends
// that already exited, which the postmaster collects as its children's time) and the client
// (this bench process: simulated workers, pg-boss, or the SQL-only arm's use cases).
// Where /proc or the database's processes are not readable (another OS, a remote server), the
// figure is null rather than a guess.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type pg from "pg";

type Stat = { pid: number; ppid: number; ticks: number; childTicks: number };

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // fields[0] is state (field 3); utime is field 14, stime 15, cutime 16, cstime 17.
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), childTicks: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return undefined;
  }
}

function allStats(): Stat[] {
  const out: Stat[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) out.push(stat);
  }
  return out;
}

/** CPU ms of a process and its descendants; with `reaped`, also the time of children it waited for. */
function treeMs(stats: Stat[], root: number, reaped: boolean): number {
  const children = new Map<number, Stat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const rootStat = stats.find((s) => s.pid === root);
  if (!rootStat) return NaN;
  let ticks = reaped ? rootStat.childTicks : 0;
  const queue = [rootStat];
  while (queue.length > 0) {
    const s = queue.pop()!;
    ticks += s.ticks;
    queue.push(...(children.get(s.pid) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

export type CpuSample = { app: number | null; postgres: number | null; client: number };
export type CpuMsPerRun = { app: number | null; postgres: number | null; client: number | null; total: number | null };

export type CpuMeter = { sample(): CpuSample; perRun(before: CpuSample, after: CpuSample, runs: number): CpuMsPerRun };

/** The postmaster's pid: the parent of a backend serving this pool, when it runs on this machine. */
async function postmasterPid(db: pg.Pool): Promise<number | undefined> {
  if (!existsSync("/proc/self/stat")) return undefined;
  const { rows } = await db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const backend = readStat(rows[0]!.pid);
  return backend && readStat(backend.ppid) ? backend.ppid : undefined;
}

export async function cpuMeter(db: pg.Pool, appPids: () => number[]): Promise<CpuMeter> {
  const postmaster = await postmasterPid(db);
  const proc = existsSync("/proc/self/stat");
  const sample = (): CpuSample => {
    const usage = process.cpuUsage();
    const client = (usage.user + usage.system) / 1000;
    if (!proc) return { app: null, postgres: null, client };
    const stats = allStats();
    const app = appPids().reduce((sum, pid) => sum + treeMs(stats, pid, true), 0);
    return { app: Number.isFinite(app) ? app : null, postgres: postmaster ? treeMs(stats, postmaster, true) : null, client };
  };
  const per = (a: number | null, b: number | null, runs: number) => (a === null || b === null || runs === 0 ? null : Math.round(((b - a) / runs) * 1000) / 1000);
  return {
    sample,
    perRun(before, after, runs) {
      const app = per(before.app, after.app, runs);
      const postgres = per(before.postgres, after.postgres, runs);
      const client = per(before.client, after.client, runs);
      const total = app === null || postgres === null || client === null ? null : Math.round((app + postgres + client) * 1000) / 1000;
      return { app, postgres, client, total };
    },
  };
}
