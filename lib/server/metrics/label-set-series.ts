// Which label sets get their own `runs_on` series (the cardinality bound of /metrics, see
// docs/integrations.md). A team with at most RUNYARD_METRICS_MAX_LABEL_SETS label sets gets a
// series for each; beyond that the busiest get their own and the rest are summed into
// runs_on="_other", so a team with thousands of label sets cannot flood Prometheus.

export const OTHER = "_other";

/** The `runs_on` label: the label set comma-joined (sorted, as stored). */
export const runsOnValue = (labels: readonly string[]) => labels.join(",");

/** Label set ids are bigints: newer sets have larger ids. */
export function compareIdsDesc(a: string, b: string): number {
  return b.length - a.length || (a < b ? 1 : a > b ? -1 : 0);
}

export type QueueSet = { id: string; labels: string[]; queued: number; running: number; oldestS: number };
export type QueueSelection = { kept: QueueSet[]; other: Omit<QueueSet, "id" | "labels"> | null };

/**
 * Gauges: the sets with the most queued+running runs first, then the newest idle ones (so a
 * set scales to zero with a 0, not a missing series). `other` exists once the team has more
 * label sets than `max`, so its series do not come and go.
 */
export function selectQueueSets(active: QueueSet[], newest: { id: string; labels: string[] }[], max: number, totalSets: number): QueueSelection {
  const byId = new Map<string, QueueSet>(newest.map((s) => [s.id, { ...s, queued: 0, running: 0, oldestS: 0 }]));
  for (const set of active) byId.set(set.id, set);
  const ranked = [...byId.values()].sort((a, b) => b.queued + b.running - (a.queued + a.running) || b.queued - a.queued || compareIdsDesc(a.id, b.id));
  const kept = ranked.slice(0, max);
  if (totalSets <= max) return { kept, other: null };
  const rest = ranked.slice(max);
  return {
    kept,
    other: {
      queued: rest.reduce((n, s) => n + s.queued, 0),
      running: rest.reduce((n, s) => n + s.running, 0),
      oldestS: rest.reduce((n, s) => Math.max(n, s.oldestS), 0),
    },
  };
}

/**
 * Counters must keep their series: all sets while the team has at most `max`; beyond that
 * the `max` sets with the most finished runs (a ranking that changes slowly), the rest in
 * `_other`. `finished` maps set id → finished runs; `also` are sets shown at 0 until they finish some.
 */
export function selectCounterSets(finished: Map<string, number>, also: string[], max: number, totalSets: number): { kept: string[]; other: string[] } {
  const ids = [...new Set([...finished.keys(), ...also])];
  if (totalSets <= max) return { kept: ids, other: [] };
  const ranked = ids.sort((a, b) => (finished.get(b) ?? 0) - (finished.get(a) ?? 0) || compareIdsDesc(a, b));
  return { kept: ranked.slice(0, max), other: ranked.slice(max) };
}
