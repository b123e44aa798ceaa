// Reads a /metrics answer with a real Prometheus text-format parser from npm
// (parse-prometheus-text-format), for tests that compare what Prometheus would see with the database.
import parsePrometheusTextFormat from "parse-prometheus-text-format";

export type Sample = { name: string; labels: Record<string, string>; value: number };
export type Scrape = { types: Map<string, string>; help: Map<string, string>; samples: Sample[] };

export function parseScrape(text: string): Scrape {
  // The whole exposition through the parser as it is: it throws on any malformed line.
  const families = parsePrometheusTextFormat(text);
  // Version 1.1.1 folds the series of a labelled histogram into one (upstream PR #8, unmerged), so
  // the samples are read from a second pass in which histogram families are declared untyped:
  // each _bucket/_sum/_count line is then parsed on its own, labels and all.
  const flat = parsePrometheusTextFormat(text.replace(/^# TYPE (\S+) histogram$/gm, "# TYPE $1 untyped"));
  const samples = flat.flatMap((family) => family.metrics.map((m) => ({ name: family.name, labels: m.labels ?? {}, value: Number(m.value) })));
  return {
    types: new Map(families.map((f) => [f.name, f.type.toLowerCase()])),
    help: new Map(families.map((f) => [f.name, f.help])),
    samples,
  };
}

/** The samples of one series name whose labels include `labels`. */
export function samplesOf(scrape: Scrape, name: string, labels: Record<string, string> = {}): Sample[] {
  return scrape.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => (s.labels[k] ?? "") === v));
}

/** The one value of a series; fails loudly when it is missing or ambiguous. */
export function valueOf(scrape: Scrape, name: string, labels: Record<string, string>): number {
  const found = samplesOf(scrape, name, labels);
  if (found.length !== 1) throw new Error(`expected one ${name}${JSON.stringify(labels)}, found ${found.length}`);
  return found[0]!.value;
}

/** Every series whose values come from the database (not this instance's own counters), as "name{labels} value" lines. */
export function databaseSeries(scrape: Scrape, options: { withoutAges?: boolean } = {}): string[] {
  const local = /^(runyard_(http|claim|claimed|report|lease|webhook_deliveries)_|process_|nodejs_)/;
  return scrape.samples
    .filter((s) => s.name.startsWith("runyard_") && !local.test(s.name))
    .filter((s) => !options.withoutAges || s.name !== "runyard_queue_oldest_age_seconds")
    .map((s) => `${s.name}{${Object.entries(s.labels).sort().map(([k, v]) => `${k}="${v}"`).join(",")}} ${s.value}`)
    .sort();
}
