// The benchmark's database: a scratch database on DATABASE_URL's server when it is set, else a
// fresh embedded PostgreSQL (durable, as `npm start` runs it) in a temporary directory.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";

export type BenchDatabase = { url: string; kind: "embedded" | "external"; drop(): Promise<void> };

export async function openBenchDatabase(): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `runyard_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    const drop = async () => {
      const client = new pg.Client({ connectionString: external });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
    return { url: url.toString(), kind: "external", drop };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "runyard-bench-"));
  const embedded = await startEmbeddedPostgres({ dataDir, database: "runyard" });
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
