// The dashboard's copy of a run's log: lines kept in id order, each once, however the pages
// that bring them overlap (a poll racing a re-render, a retried request).
import type { LogEntry } from "@/lib/contract/runs";

export class LogBuffer {
  readonly lines: LogEntry[] = [];
  private readonly seen = new Set<string>();
  private cursor: bigint | undefined;

  /** The id to read after: the highest id held, never lower than before. */
  get after(): string | undefined {
    return this.cursor === undefined ? undefined : String(this.cursor);
  }

  /** Adds a page; returns how many lines were new. */
  add(items: readonly LogEntry[], nextCursor?: string | null): number {
    let added = 0;
    let sorted = true;
    for (const item of items) {
      if (this.seen.has(item.id)) continue;
      this.seen.add(item.id);
      const last = this.lines.at(-1);
      if (last && BigInt(last.id) > BigInt(item.id)) sorted = false;
      this.lines.push(item);
      added++;
    }
    if (!sorted) this.lines.sort((a, b) => compareIds(a.id, b.id));
    for (const id of [nextCursor, this.lines.at(-1)?.id]) {
      if (id && (this.cursor === undefined || BigInt(id) > this.cursor)) this.cursor = BigInt(id);
    }
    return added;
  }
}

export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export type LogRow =
  | { kind: "line"; key: string; entry: LogEntry }
  | { kind: "attempt"; key: string; attempt: number; worker: string | undefined };

/**
 * The rows the log view shows: the lines, and an "Attempt 2 on a100-box-1" divider where a
 * new attempt starts (before every attempt's first line once the run has had more than one).
 */
export function logRows(lines: readonly LogEntry[], workers: ReadonlyMap<number, string>, attempts: number): LogRow[] {
  const rows: LogRow[] = [];
  let attempt: number | undefined;
  const divided = attempts > 1 || lines.some((l) => l.attempt !== lines[0]!.attempt);
  for (const entry of lines) {
    if (divided && entry.attempt !== attempt) rows.push({ kind: "attempt", key: `attempt-${entry.attempt}-${entry.id}`, attempt: entry.attempt, worker: workers.get(entry.attempt) });
    attempt = entry.attempt;
    rows.push({ kind: "line", key: entry.id, entry });
  }
  return rows;
}
