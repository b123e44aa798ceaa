// Metric families built at scrape time from database rows, and views of the process-wide
// prom-client metrics narrowed to one team — both registered in a per-scrape prom-client
// Registry, which does the text-format serialisation and escaping.
// prom-client's registry reads these fields of a metric at runtime (its typings describe
// `type` as a numeric enum, but the values are the strings below).
type Labels = Record<string, string | number>;
type Value = { labels: Labels; value: number; metricName?: string };
type FamilyType = "counter" | "gauge" | "histogram" | "summary";
export type Family = {
  name: string;
  help: string;
  type: FamilyType;
  get(): Promise<{ name: string; help: string; type: FamilyType; aggregator: string; values: Value[] }>;
};

/** A family whose values were computed elsewhere (from the database); serialised as given. */
export class ComputedFamily implements Family {
  readonly values: Value[] = [];

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: FamilyType,
  ) {}

  add(labels: Labels, value: number): this {
    this.values.push({ labels, value });
    return this;
  }

  async get() {
    return { name: this.name, help: this.help, type: this.type, aggregator: "sum", values: this.values };
  }
}

/** Cumulative histogram counts: counts[i] observations were ≤ bounds[i]. */
export type HistogramTotals = { counts: number[]; sum: number; count: number };

export const emptyHistogram = (bounds: readonly number[]): HistogramTotals => ({ counts: bounds.map(() => 0), sum: 0, count: 0 });

export function addHistogram(into: HistogramTotals, from: HistogramTotals): void {
  from.counts.forEach((n, i) => (into.counts[i] = (into.counts[i] ?? 0) + n));
  into.sum += from.sum;
  into.count += from.count;
}

export class ComputedHistogram extends ComputedFamily {
  constructor(name: string, help: string, readonly bounds: readonly number[]) {
    super(name, help, "histogram");
  }

  observeTotals(labels: Labels, totals: HistogramTotals): this {
    this.bounds.forEach((le, i) => this.values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le }, value: totals.counts[i] ?? 0 }));
    this.values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le: "+Inf" }, value: totals.count });
    this.values.push({ metricName: `${this.name}_sum`, labels, value: totals.sum });
    this.values.push({ metricName: `${this.name}_count`, labels, value: totals.count });
    return this;
  }
}

/**
 * A process-wide metric as one team may see it: only its own series (recorded with the team's
 * id in the `team` label) with the id replaced by the team's name, plus series that belong to
 * no team (label `team` = "", e.g. requests refused before a token was read).
 */
export function teamView(metric: Family, teamId: string, teamName: string): Family {
  return {
    name: metric.name,
    help: metric.help,
    type: metric.type,
    async get() {
      const family = await metric.get();
      const values = family.values
        .filter((v) => v.labels.team === teamId || v.labels.team === "")
        .map((v) => (v.labels.team === teamId ? { ...v, labels: { ...v.labels, team: teamName } } : v));
      return { ...family, values };
    },
  };
}
