// The process's one PostgreSQL connection pool, shared by Prisma and by the hand-written SQL
// on hot paths (claims, leases). Cached on globalThis so Next's dev reloads reuse it.
import pg from "pg";
import { env } from "@/lib/env";

const cache = globalThis as unknown as { runyardPool?: pg.Pool };

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start Runyard with `npm start`, which provides it");
  }
  return url;
}

export function pool(): pg.Pool {
  if (!cache.runyardPool) {
    const created = new pg.Pool({
      connectionString: databaseUrl(),
      max: env().RUNYARD_DB_POOL_SIZE,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      application_name: "runyard",
    });
    // An idle client losing its connection (database restart) must not crash the process;
    // the next query on a fresh client reports the outage.
    created.on("error", (error) => console.error(`[runyard] idle database connection lost: ${error.message}`));
    cache.runyardPool = created;
  }
  return cache.runyardPool;
}

/** Runs `fn` inside one transaction on one connection; rolls back on any error. */
export async function withTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function closePool(): Promise<void> {
  const existing = cache.runyardPool;
  cache.runyardPool = undefined;
  await existing?.end();
}
