// The API tokens this instance has checked, so that an agent's requests (a claim, a report, a
// heartbeat — every few hundred milliseconds under load) do not each read api_tokens.
//
// Revocation still takes effect everywhere at once: a trigger (migration
// 20261201160000_token_change_notify) notifies `runyard_tokens` whenever a token is revoked,
// deleted or changed or its worker retired, and every instance LISTENs and drops its copy when
// the change commits. The cache is used only while that LISTEN connection is up: when it is
// lost the cache is emptied and every request reads the database again until it is back. An
// entry that raced a notification (read before the change committed, stored after) is never
// stored: every notification bumps a generation, and a read stores only if none arrived
// since it began. Entries also end at the token's expiry and after MAX_AGE_MS regardless.
import pg from "pg";
import { databaseUrl } from "@/lib/db/pool";
import type { Principal } from "@/lib/server/auth/authenticate";

const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 50_000;

type Entry = { principal: Principal; until: number; touchedAt: number };

export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;
  /** No new connection attempt before this (a database outage must not bring a connection storm). */
  private retryAt = 0;
  /** Bumped by every notification and by losing the listener. */
  generation = 0;
  readonly stats = { hits: 0, misses: 0, evictions: 0 };

  constructor(private readonly applicationName = "runyard-tokens") {}

  /** Whether entries are served: only while this instance hears every change. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** The cached principal for this token hash, if any (and still good). */
  get(hash: string): Principal | undefined {
    if (!this.client) {
      void this.ensureListening();
      this.stats.misses++;
      return undefined;
    }
    const entry = this.entries.get(hash);
    if (!entry || entry.until <= Date.now()) {
      if (entry) this.entries.delete(hash);
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    return entry.principal;
  }

  /** Stores a principal read at `generation` (read it before the query), unless a change arrived meanwhile. */
  set(hash: string, principal: Principal, options: { generation: number; expiresAt: Date | null }) {
    if (!this.client || options.generation !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const until = Math.min(Date.now() + MAX_AGE_MS, options.expiresAt?.getTime() ?? Infinity);
    this.entries.set(hash, { principal, until, touchedAt: Date.now() });
  }

  /** Whether last_used_at is due an update (at most once a minute per token and instance). */
  dueTouch(hash: string): boolean {
    const entry = this.entries.get(hash);
    if (!entry || Date.now() - entry.touchedAt < 60_000) return false;
    entry.touchedAt = Date.now();
    return true;
  }

  /** Drops a token (or a worker's tokens) now: the instance that made the change needs no NOTIFY. */
  forget(kind: "token" | "worker", id: string) {
    this.evict(`${kind}:${id}`);
  }

  private evict(payload: string) {
    this.generation++;
    const [kind, id] = [payload.slice(0, payload.indexOf(":")), payload.slice(payload.indexOf(":") + 1)];
    for (const [hash, entry] of this.entries) {
      if ((kind === "token" && entry.principal.tokenId === id) || (kind === "worker" && entry.principal.workerId === id) || kind === "all") {
        this.entries.delete(hash);
        this.stats.evictions++;
      }
    }
  }

  /** Resolves once this instance is listening (or could not: then the cache stays unused). */
  ensureListening(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    if (!this.connecting && Date.now() < this.retryAt) return Promise.resolve();
    this.retryAt = Date.now() + 2000;
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl(), application_name: this.applicationName });
    const lost = () => {
      if (this.client === client) this.client = undefined;
      // Changes may be missed from here on: forget everything, read the database until back.
      this.generation++;
      this.entries.clear();
      client.end().catch(() => undefined);
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (message) => {
      if (message.channel === "runyard_tokens") this.evict(message.payload ?? "all:");
    });
    try {
      await client.connect();
      await client.query("LISTEN runyard_tokens");
      if (this.closed) throw new Error("closed");
      this.generation++;
      this.entries.clear();
      this.client = client;
    } catch {
      await client.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    this.entries.clear();
    await client?.end().catch(() => undefined);
  }
}

const cache = globalThis as unknown as { runyardTokenCache?: TokenCache };

export function tokenCache(): TokenCache {
  return (cache.runyardTokenCache ??= new TokenCache());
}
