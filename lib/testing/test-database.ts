// A fresh, migrated PostgreSQL database for one test run: a new database on DATABASE_URL's
// server when it is set (CI runs the suite against the system PostgreSQL 15 this way), else
// a throwaway embedded PostgreSQL 18 cluster (fsync off for tests; the benchmarks keep it on).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";

export type TestDatabase = { url: string; kind: "embedded" | "external"; drop(): Promise<void> };

export async function createTestDatabase(label: string, options: { durable?: boolean } = {}): Promise<TestDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `runyard_${label}_${Date.now()}_${process.pid}`.toLowerCase();
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    return {
      url: url.toString(),
      kind: "external",
      drop: async () => {
        const client = new pg.Client({ connectionString: external });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `runyard-${label}-`));
  const embedded = await startEmbeddedPostgres({ dataDir, durable: options.durable ?? false });
  await migrate(embedded.url);
  return {
    url: embedded.url,
    kind: "embedded",
    drop: async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
