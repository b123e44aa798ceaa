// Coalesced `workers.last_seen_at` and `api_tokens.last_used_at` (docs/scaling.md). An idle worker whose long-poll waits on
// LISTEN/NOTIFY does not claim, so nothing writes its row; this module writes it for every
// worker in contact with this instance (a poll open, or a request recently), at most once per
// `presenceIntervalMs()` per worker, all due workers in one statement per tick.
//
// Bound: a worker in contact is never shown OFFLINE — its last_seen_at lags its real last
// contact by at most the interval plus one tick (1 s), a third of RUNYARD_WORKER_OFFLINE_AFTER_S
// plus a second, well under the threshold. A worker that stops calling in is OFFLINE no later
// than RUNYARD_WORKER_OFFLINE_AFTER_S after its last contact (possibly up to that lag earlier).
import { pool } from "@/lib/db/pool";
import { env } from "@/lib/env";

const TICK_MS = 1000;

/** At most one last_seen_at write per worker this often: a third of the OFFLINE threshold (≥ 1 s). */
export function presenceIntervalMs(): number {
  return Math.max(1000, Math.floor((env().RUNYARD_WORKER_OFFLINE_AFTER_S * 1000) / 3));
}

class Presence {
  /** workers with a poll open on this instance → number of open polls */
  private readonly open = new Map<string, number>();
  /** last contact not yet written */
  private readonly contact = new Map<string, number>();
  /** when this instance last wrote (or saw written) each worker's last_seen_at */
  private readonly written = new Map<string, number>();
  /** tokens used since the last tick whose last_used_at is over a minute old */
  private readonly tokens = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  readonly stats = { flushes: 0, rowsWritten: 0 };

  /** A poll of this worker is open: it counts as in contact until the returned function is called. */
  hold(workerId: string): () => void {
    this.open.set(workerId, (this.open.get(workerId) ?? 0) + 1);
    this.start();
    return () => {
      const left = (this.open.get(workerId) ?? 1) - 1;
      if (left <= 0) this.open.delete(workerId);
      else this.open.set(workerId, left);
      this.contact.set(workerId, Date.now());
    };
  }

  /** The worker called in; its row is written on a later tick if it is due. `writtenAt`: when its row was last written, if known. */
  touch(workerId: string, writtenAt?: number) {
    const now = Date.now();
    if (writtenAt !== undefined && writtenAt > (this.written.get(workerId) ?? 0)) this.written.set(workerId, writtenAt);
    this.contact.set(workerId, now);
    this.start();
  }

  /** An API token was used and its last_used_at is due (a minute old): written on the next tick. */
  tokenUsed(tokenId: string) {
    this.tokens.add(tokenId);
    this.start();
  }

  /** Its row was just written by a claim or heartbeat. */
  wrote(workerId: string) {
    this.written.set(workerId, Date.now());
    this.contact.delete(workerId);
  }

  private start() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), TICK_MS);
    this.timer.unref();
  }

  /** Writes every due worker's last_seen_at in one statement (tests call it directly). */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async write() {
    if (this.tokens.size > 0) {
      const ids = [...this.tokens];
      this.tokens.clear();
      await pool()
        .query("UPDATE api_tokens SET last_used_at = now() WHERE id = ANY($1::uuid[]) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')", [ids])
        .catch(() => undefined);
    }
    const now = Date.now();
    const interval = presenceIntervalMs();
    const due: string[] = [];
    const isDue = (id: string) => now - (this.written.get(id) ?? 0) >= interval;
    for (const id of this.open.keys()) if (isDue(id)) due.push(id);
    for (const [id, at] of this.contact) {
      if (this.open.has(id)) continue;
      if (at <= (this.written.get(id) ?? 0)) this.contact.delete(id);
      else if (isDue(id)) due.push(id);
    }
    for (const [id, at] of this.written) if (now - at > 10 * interval && !this.open.has(id) && !this.contact.has(id)) this.written.delete(id);
    if (due.length === 0) return;
    for (const id of due) {
      this.written.set(id, now);
      this.contact.delete(id);
    }
    this.stats.flushes++;
    this.stats.rowsWritten += due.length;
    await pool()
      .query("UPDATE workers SET last_seen_at = now(), crashed_at = NULL WHERE id = ANY($1::uuid[]) AND retired_at IS NULL", [due])
      .catch(() => {
        // The database is away: try these again on the next tick.
        for (const id of due) {
          this.written.delete(id);
          if (!this.open.has(id)) this.contact.set(id, now);
        }
      });
  }
}

const cache = globalThis as unknown as { runyardPresence?: Presence };

export function presence(): Presence {
  cache.runyardPresence ??= new Presence();
  return cache.runyardPresence;
}
