// Wakes long-polling claims when runs they could take become claimable. PostgreSQL triggers
// NOTIFY 'runyard_claimable' with "<team>|<runsOn>" (see the init migration), so a run
// scheduled through any app instance wakes waiters on every instance. One LISTEN connection
// per process; waiters are matched with the same canTake() rule as the claim.
import pg from "pg";
import { canTake } from "@/lib/domain/matching";
import { databaseUrl } from "@/lib/db/pool";

type Waiter = { teamId: string; labels: readonly string[]; wake: () => void };

class Wakeups {
  private readonly waiters = new Set<Waiter>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;

  /** Registers interest before the caller's claim attempt, so no notification can slip between. */
  /** `wait` resolves true when woken by a matching notification, false when `ms` ran out. */
  subscribe(teamId: string, labels: readonly string[]): { wait(ms: number): Promise<boolean>; cancel(): void } {
    let woken = false;
    let resolve: (() => void) | undefined;
    const waiter: Waiter = {
      teamId,
      labels,
      wake: () => {
        woken = true;
        resolve?.();
      },
    };
    this.waiters.add(waiter);
    void this.ensureListening();
    const cancel = () => this.waiters.delete(waiter);
    return {
      cancel,
      wait: (ms) =>
        new Promise<boolean>((done) => {
          if (woken) return done(true);
          const timer = setTimeout(() => done(false), ms);
          resolve = () => {
            clearTimeout(timer);
            done(true);
          };
        }).finally(cancel),
    };
  }

  /** Wakes every waiter (the instance is stopping: long-polls answer now). */
  wakeAll() {
    for (const waiter of this.waiters) waiter.wake();
  }

  private notify(payload: string) {
    const bar = payload.indexOf("|");
    const teamId = payload.slice(0, bar);
    const runsOn = payload.slice(bar + 1) === "" ? [] : payload.slice(bar + 1).split(",");
    for (const waiter of this.waiters) {
      if (waiter.teamId === teamId && canTake(waiter.labels, runsOn)) waiter.wake();
    }
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

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl(), application_name: "runyard-listen" });
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      client.end().catch(() => undefined);
      // Waiters keep their own timeouts, so a lost listener delays wake-ups, never loses runs.
      // Wake everyone: they re-check the queue now rather than at their deadline.
      for (const waiter of this.waiters) waiter.wake();
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
    } catch {
      await client.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

const cache = globalThis as unknown as { runyardWakeups?: Wakeups };

export function wakeups(): Wakeups {
  cache.runyardWakeups ??= new Wakeups();
  return cache.runyardWakeups;
}
