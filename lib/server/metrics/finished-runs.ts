// Counters and histograms of finished runs, from the database. A finished run never changes
// again, so the totals up to a watermark (10 minutes before the current minute) are cached per
// team and advanced minute by minute; only the runs finished since are counted on each scrape.
// Every instance thus reports the same totals (a restart recounts from scratch, once), and a
// scrape stays cheap however long the history. Assumes no run commits its finish more than
// 10 minutes after its finished_at (a transaction's start), which no code path comes near.
import { pool } from "@/lib/db/pool";
import { addHistogram, emptyHistogram, type HistogramTotals } from "@/lib/server/metrics/metric-families";
import { WATERMARK_SQL, finishedRunsSql } from "@/lib/server/metrics/metrics-sql";

/** Seconds from scheduling to the claim of a run's last attempt. */
export const WAIT_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400] as const;
/** Seconds from start (or claim) to finish. */
export const DURATION_BUCKETS = [1, 10, 30, 60, 300, 600, 1800, 3600, 7200, 14400, 43200, 86400, 259200] as const;

export type SetTotals = { byState: Map<string, number>; wait: HistogramTotals; took: HistogramTotals };
type Row = {
  id: string; state: string; n: number;
  wait_n: number; wait_sum: number; wait_buckets: number[];
  took_n: number; took_sum: number; took_buckets: number[];
};
type TeamCache = { watermark: Date; sets: Map<string, SetTotals>; queue: Promise<unknown> };

const SQL = finishedRunsSql(WAIT_BUCKETS, DURATION_BUCKETS);
const MAX_TEAMS = 1000;
const cache = globalThis as unknown as { runyardFinishedRuns?: Map<string, TeamCache> };
const teams = () => (cache.runyardFinishedRuns ??= new Map());

export const emptySetTotals = (): SetTotals => ({ byState: new Map(), wait: emptyHistogram(WAIT_BUCKETS), took: emptyHistogram(DURATION_BUCKETS) });

export function addSetTotals(into: Map<string, SetTotals>, id: string, from: SetTotals): void {
  const target = into.get(id) ?? emptySetTotals();
  for (const [state, n] of from.byState) target.byState.set(state, (target.byState.get(state) ?? 0) + n);
  addHistogram(target.wait, from.wait);
  addHistogram(target.took, from.took);
  into.set(id, target);
}

async function countWindow(teamId: string, from: Date | "-infinity", to: Date | "infinity"): Promise<Map<string, SetTotals>> {
  const { rows } = await pool().query<Row>(SQL, [teamId, from, to]);
  const sets = new Map<string, SetTotals>();
  for (const row of rows) {
    addSetTotals(sets, row.id, {
      byState: new Map([[row.state, row.n]]),
      wait: { counts: row.wait_buckets, sum: row.wait_sum, count: row.wait_n },
      took: { counts: row.took_buckets, sum: row.took_sum, count: row.took_n },
    });
  }
  return sets;
}

function copy(sets: Map<string, SetTotals>): Map<string, SetTotals> {
  const out = new Map<string, SetTotals>();
  for (const [id, totals] of sets) addSetTotals(out, id, totals);
  return out;
}

/** The team's finished-run totals per label set id, as of now. */
export async function finishedRunTotals(teamId: string): Promise<Map<string, SetTotals>> {
  let entry = teams().get(teamId);
  if (!entry) {
    if (teams().size >= MAX_TEAMS) teams().clear();
    entry = { watermark: new Date(0), sets: new Map(), queue: Promise.resolve() };
    teams().set(teamId, entry);
  }
  const team = entry;
  // One advance at a time per team: two scrapes at once must not both add the same minutes.
  const result = team.queue.then(async () => {
    const { watermark } = (await pool().query<{ watermark: Date }>(WATERMARK_SQL)).rows[0]!;
    if (team.watermark.getTime() === 0) {
      team.sets = await countWindow(teamId, "-infinity", watermark);
      team.watermark = watermark;
    } else if (watermark > team.watermark) {
      for (const [id, totals] of await countWindow(teamId, team.watermark, watermark)) addSetTotals(team.sets, id, totals);
      team.watermark = watermark;
    }
    const totals = copy(team.sets);
    for (const [id, recent] of await countWindow(teamId, team.watermark, "infinity")) addSetTotals(totals, id, recent);
    return totals;
  });
  team.queue = result.catch(() => undefined);
  return result;
}

/** Forgets the cached totals (tests that rewrite history). */
export function resetFinishedRunCache(): void {
  teams().clear();
}
