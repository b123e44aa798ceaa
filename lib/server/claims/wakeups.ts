// Wakes long-polling claims when runs they could take become claimable. PostgreSQL triggers
// NOTIFY 'runyard_claimable' with "<team>|<runsOn>|<count>" (see the migrations), so a run
// scheduled through any app instance wakes waiters on every instance. One LISTEN connection
// per process; waiters are matched with the same canTake() rule as the claim.
//
// Wake-ups are proportional to work (docs/scaling.md): a notification for N claimable runs
// wakes at most N (+ a margin of N/10) eligible waiters of this instance, oldest first — a
// woken waiter goes to the back of the line, so idle workers take turns. Waiters that are not
// claiming right now are preferred: one whose claim is in flight may already see the run.
// Each instance wakes its own share, so with k instances a run costs at most k claims.
//
// Between two long-polls of one worker the instance keeps a small record (its team, labels,
// when it last looked at the queue). A poll whose record is fresh — the LISTEN connection has
// been up since, and no notification it could act on arrived while it was not waiting — goes
// straight to waiting without a claim. A lost LISTEN connection makes every record stale; once
// it is back every waiter looks at the queue once (a run scheduled meanwhile is not lost).
//
// The safety re-check is per instance, not per waiter: every RUNYARD_CLAIM_RECHECK_MS (±20 %)
// one query counts the runs that have been OPEN for a while in each label set of the teams
// waiting here, and treats them like a notification. A run whose wake-up was spent on a
// waiter that could not take it (it lost a race, its agent went away) is picked up then. As a
// last resort every record also expires after ten re-check periods.
import pg from "pg";
import { canTake } from "@/lib/domain/matching";
import { databaseUrl, pool } from "@/lib/db/pool";
import { env } from "@/lib/env";

type Waiter = {
  teamId: string;
  workerId: string | undefined;
  /** null until its first claim said them: it may take anything (it is claiming right then). */
  labels: readonly string[] | null;
  /** the runsOn of the notification that woke it, passed on if it never looks */
  wokenFor?: readonly string[];
  /** false while the worker is draining or full: a claim would take nothing, so no wake-up is spent on it. */
  eligible: boolean;
  /**
   * Its last look had room and saw every run it could take: more room (a held run of its own
   * ending, the "||0|worker" notification) changes nothing for it. False until it has looked.
   */
  drained: boolean;
  /** one of its own held runs ended while its claim was in flight (that claim may have counted it as held) */
  roomFreed: boolean;
  /** its claim is in flight (it still counts: the run may have been committed after its snapshot). */
  claiming: boolean;
  woken: boolean;
  /** woken, and no claim has looked at the queue since */
  unconsumed: boolean;
  resolve?: () => void;
};

type Record = {
  teamId: string;
  labels: readonly string[];
  /** set when a matching notification arrived while no poll of this worker was waiting */
  stale: boolean;
  epoch: number;
  recheckAt: number;
  usedAt: number;
};

export type Subscription = {
  /** Resolves true when woken (a matching notification, a re-established LISTEN, a stop), false when `ms` ran out. */
  wait(ms: number): Promise<boolean>;
  /** The caller is about to claim; a notification meanwhile still counts for it. */
  claiming(): void;
  /** The claim came back empty (`drained`: it had room and saw every run it could take): wait again, at the back of the line. */
  rearm(eligible: boolean, labels?: readonly string[], drained?: boolean): void;
  /** Stops waiting. `unused` = a wake-up arrived but no claim followed (an abandoned poll): it is passed on. */
  cancel(): void;
  readonly woken: boolean;
};

/** Counters for tests and the bench: how many waiters notifications woke. */
export type WakeupStats = { notifications: number; woken: number; passedOn: number; reconnects: number; queueChecks: number };

export function wakeBudget(count: number): number {
  return count + Math.floor(count / 10);
}

/** A worker's own re-check, a last resort behind the instance's queue check. */
function recordLifetimeMs(): number {
  return Math.min(3_600_000, 10 * env().RUNYARD_CLAIM_RECHECK_MS);
}

function jittered(ms: number): number {
  return Math.round(ms * (0.8 + Math.random() * 0.4));
}

class Wakeups {
  private readonly waiters = new Set<Waiter>();
  private readonly records = new Map<string, Record>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelay = 250;
  /** Bumped every time the LISTEN connection is (re-)established or lost. */
  private epoch = 0;
  private hadListener = false;
  private closed = false;
  readonly stats: WakeupStats = { notifications: 0, woken: 0, passedOn: 0, reconnects: 0, queueChecks: 0 };
  private checkTimer: NodeJS.Timeout | undefined;

  /** Registers interest before the caller's claim attempt, so no notification can slip between. */
  subscribe(teamId: string, labels: readonly string[] | null, eligible = true, workerId?: string): Subscription {
    const waiter: Waiter = { teamId, workerId, labels, eligible, drained: false, roomFreed: false, claiming: false, woken: false, unconsumed: false };
    this.waiters.add(waiter);
    void this.ensureListening();
    return {
      get woken() {
        return waiter.woken;
      },
      claiming: () => {
        waiter.claiming = true;
        waiter.woken = false;
        waiter.unconsumed = false;
        waiter.roomFreed = false;
      },
      rearm: (nowEligible, nowLabels, drained = false) => {
        waiter.claiming = false;
        waiter.eligible = nowEligible;
        waiter.drained = drained;
        if (nowLabels) waiter.labels = nowLabels;
        // Its claim found it full, and one of its runs ended meanwhile: look again at once.
        if (waiter.roomFreed && !drained && !waiter.woken) this.wakeOne(waiter);
        waiter.roomFreed = false;
        // To the back of the line.
        if (this.waiters.delete(waiter)) this.waiters.add(waiter);
      },
      cancel: () => {
        waiter.resolve = undefined;
        if (!this.waiters.delete(waiter)) return;
        if (waiter.unconsumed && waiter.wokenFor) {
          // Woken, but the poll ended without looking (aborted, or its time ran out at that
          // instant): another waiter takes its turn, so the run does not wait for a re-check.
          this.stats.passedOn++;
          this.wake(waiter.teamId, waiter.wokenFor, 1);
        }
      },
      wait: (ms) =>
        new Promise<boolean>((done) => {
          if (waiter.woken) return done(true);
          const timer = setTimeout(() => {
            waiter.resolve = undefined;
            done(false);
          }, Math.max(0, ms));
          waiter.resolve = () => {
            clearTimeout(timer);
            waiter.resolve = undefined;
            done(true);
          };
        }),
    };
  }

  private wakeOne(waiter: Waiter, runsOn?: readonly string[]) {
    waiter.woken = true;
    waiter.wokenFor = runsOn;
    waiter.unconsumed = true;
    this.stats.woken++;
    waiter.resolve?.();
  }

  /** Wakes every waiter (the instance is stopping, or the LISTEN connection is back). */
  wakeAll() {
    for (const waiter of this.waiters) this.wakeOne(waiter);
  }

  /** Wakes up to wakeBudget(count) eligible waiters for runs of `teamId` needing `runsOn`. */
  /** Returns how much of the budget found no waiter. */
  private wake(teamId: string, runsOn: readonly string[], count: number): number {
    let budget = wakeBudget(count);
    const later: Waiter[] = [];
    const woken: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (budget === 0) break;
      if (waiter.woken || !waiter.eligible || waiter.teamId !== teamId || (waiter.labels !== null && !canTake(waiter.labels, runsOn))) continue;
      if (waiter.claiming) {
        later.push(waiter);
        continue;
      }
      woken.push(waiter);
      budget--;
    }
    for (const waiter of later) {
      if (budget === 0) break;
      woken.push(waiter);
      budget--;
    }
    for (const waiter of woken) {
      // Woken waiters go to the back of the line: the next run wakes someone else.
      this.waiters.delete(waiter);
      this.waiters.add(waiter);
      this.wakeOne(waiter, runsOn);
    }
    return budget;
  }

  /** Claimable-run notifications per team (a claim notes its team's count before it starts). */
  private readonly teamNotifications = new Map<string, number>();

  private notify(payload: string) {
    this.stats.notifications++;
    const parts = payload.split("|");
    const teamId = parts[0] ?? "";
    const runsOn = parts[1] ? parts[1].split(",") : [];
    const count = parts[2] === undefined ? 1 : Number.parseInt(parts[2], 10) || 0;
    if (count > 0) this.teamNotifications.set(teamId, (this.teamNotifications.get(teamId) ?? 0) + 1);
    if (count === 0) {
      // A held run ended: its worker has room again. Only that worker's own waiting claim
      // cares, and only if its last look found it full: one that had room and saw every run it
      // could take would find nothing more (its own report's notification, arriving as its next
      // poll begins, must not cost a claim). A claim in flight decides when it comes back.
      const workerId = parts[3];
      for (const waiter of this.waiters) {
        if (waiter.workerId !== workerId || waiter.teamId !== teamId || waiter.woken) continue;
        if (waiter.claiming) waiter.roomFreed = true;
        else if (!waiter.drained) this.wakeOne(waiter);
      }
      return;
    }
    const unspent = this.wake(teamId, runsOn, count);
    // Waiters took every wake-up: workers between two polls need not look. Otherwise those
    // that could take the runs look at the queue on their next poll.
    if (unspent === 0) return;
    for (const [workerId, record] of this.records) {
      if (!record.stale && record.teamId === teamId && canTake(record.labels, runsOn) && !this.polling.has(workerId)) record.stale = true;
    }
  }

  // ——— per-worker records between polls ———

  private readonly polling = new Map<string, number>();

  /** Whether this worker's next poll may skip its first claim and wait straight away. */
  fresh(workerId: string): Record | undefined {
    const record = this.records.get(workerId);
    if (!record) return undefined;
    record.usedAt = Date.now();
    if (record.stale || record.epoch !== this.epoch || !this.client || Date.now() >= record.recheckAt) return undefined;
    return record;
  }

  known(workerId: string): Record | undefined {
    return this.records.get(workerId);
  }

  /** Marks a poll of this worker as open (notifications then reach its waiter, not its record). */
  beginPoll(workerId: string): () => void {
    this.polling.set(workerId, (this.polling.get(workerId) ?? 0) + 1);
    return () => {
      const left = (this.polling.get(workerId) ?? 1) - 1;
      if (left <= 0) this.polling.delete(workerId);
      else this.polling.set(workerId, left);
    };
  }

  /** The worker just looked at the queue and found nothing it could take. */
  lookedEmpty(workerId: string, teamId: string, labels: readonly string[], notificationsBefore: number) {
    const now = Date.now();
    this.records.set(workerId, {
      teamId,
      labels,
      stale: notificationsBefore !== this.notificationsSeen(teamId),
      epoch: this.epoch,
      recheckAt: now + jittered(recordLifetimeMs()),
      usedAt: now,
    });
    if (this.records.size % 256 === 0) this.prune();
  }

  /** The worker took runs, is draining or full: its next poll claims. */
  forget(workerId: string) {
    this.records.delete(workerId);
  }

  /** When this worker's waiting poll should look at the queue without a notification. */
  recheckAt(workerId: string): number {
    return this.records.get(workerId)?.recheckAt ?? Date.now() + jittered(recordLifetimeMs());
  }

  private prune() {
    const old = Date.now() - 10 * 60_000;
    for (const [id, record] of this.records) if (record.usedAt < old) this.records.delete(id);
  }

  /** Waiters of a team now waiting (not claiming), and those whose claim is in flight. */
  count(teamId: string): { waiting: number; claiming: number } {
    let waiting = 0;
    let claiming = 0;
    for (const waiter of this.waiters) {
      if (waiter.teamId !== teamId) continue;
      if (waiter.claiming || waiter.woken) claiming++;
      else waiting++;
    }
    return { waiting, claiming };
  }

  /** The LISTEN connection's backend pid (tests terminate it to prove no wake-up is lost). */
  get listenPid(): number | undefined {
    return (this.client as unknown as { processID?: number } | undefined)?.processID;
  }

  /** Holds re-connections of the LISTEN connection until the returned function is called (tests only). */
  holdReconnects(): () => void {
    this.held = true;
    return () => {
      this.held = false;
      this.scheduleReconnect();
    };
  }

  private held = false;

  /** Notifications received so far (a claim notes it before it starts). */
  notificationsSeen(teamId: string): number {
    return this.teamNotifications.get(teamId) ?? 0;
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Resolves once this process is listening (tests use it to avoid racing the LISTEN). */
  ready(): Promise<void> {
    return this.ensureListening();
  }

  private ensureListening(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private scheduleReconnect() {
    if (this.reconnectTimer || this.closed || this.held) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.ensureListening().then(() => {
        if (!this.client) {
          this.reconnectDelay = Math.min(this.reconnectDelay * 2, 5000);
          this.scheduleReconnect();
        }
      });
    }, this.reconnectDelay);
    this.reconnectTimer.unref();
  }

  private async connect(): Promise<void> {
    this.closed = false;
    const client = new pg.Client({ connectionString: databaseUrl(), application_name: "runyard-listen" });
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.epoch++;
      client.end().catch(() => undefined);
      // Waiters keep their own timeouts; the connection comes back on its own, and then every
      // waiter looks at the queue once (runs scheduled meanwhile sent no notification to us).
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (message) => {
      if (message.channel === "runyard_claimable" && message.payload) this.notify(message.payload);
    });
    try {
      await client.connect();
      await client.query("LISTEN runyard_claimable");
      this.client = client;
      this.epoch++;
      this.scheduleQueueCheck();
      this.reconnectDelay = 250;
      if (this.hadListener) this.stats.reconnects++;
      // Every waiter here subscribed before this LISTEN was up — on the first connection too
      // (the first long-poll in this process subscribes, then claims while it connects): a run
      // scheduled after its claim's snapshot but before the LISTEN sent no notification to us.
      // Each looks at the queue once.
      this.wakeAll();
      this.hadListener = true;
    } catch {
      await client.end().catch(() => undefined);
      if (this.waiters.size > 0) this.scheduleReconnect();
    }
  }

  private scheduleQueueCheck() {
    if (this.checkTimer || this.closed) return;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = undefined;
      void this.checkQueue().finally(() => this.scheduleQueueCheck());
    }, jittered(env().RUNYARD_CLAIM_RECHECK_MS));
    this.checkTimer.unref();
  }

  /**
   * The instance's safety re-check: runs OPEN for more than 2 s (their notification has had
   * its chance) and not behind a held dataset, at most 100 counted per label set, in the teams that have a waiter or a
   * record here — one query through the open-queue index, handled like notifications.
   */
  async checkQueue(): Promise<void> {
    const teams = new Set<string>();
    for (const waiter of this.waiters) teams.add(waiter.teamId);
    for (const record of this.records.values()) teams.add(record.teamId);
    if (teams.size === 0) return;
    this.stats.queueChecks++;
    try {
      const { rows } = await pool().query<{ team_id: string; labels: string[]; count: number }>(
        `SELECT ls.team_id, ls.labels, w.count
           FROM label_sets ls
           CROSS JOIN LATERAL (SELECT count(*)::int AS count FROM (
             SELECT 1 FROM runs r WHERE r.label_set_id = ls.id AND r.state = 'OPEN' AND r.created_at < now() - interval '2 seconds'
                AND (r.dataset IS NULL OR NOT EXISTS (
                      SELECT 1 FROM runs h WHERE h.team_id = r.team_id AND h.dataset = r.dataset AND h.state IN ('LOCKED', 'RUNNING')))
              LIMIT 100) o) w
          WHERE ls.team_id = ANY($1::uuid[]) AND w.count > 0`,
        [[...teams]],
      );
      for (const row of rows) this.notify(`${row.team_id}|${row.labels.join(",")}|${row.count}`);
    } catch {
      // The database is away: the next check, or the LISTEN reconnection, covers it.
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.checkTimer);
    this.checkTimer = undefined;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.client;
    this.client = undefined;
    this.epoch++;
    await client?.end().catch(() => undefined);
  }
}

const cache = globalThis as unknown as { runyardWakeups?: Wakeups };

export function wakeups(): Wakeups {
  cache.runyardWakeups ??= new Wakeups();
  return cache.runyardWakeups;
}
