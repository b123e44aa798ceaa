// A PostgreSQL of its own that a chaos scenario may stop and start (never the system one or the
// shared test database): an embedded cluster in a temp dir on a fixed port, so the URL the app
// instances hold stays valid across restarts. Points this test process at it.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { closePool } from "@/lib/db/pool";
import { disconnectPrisma } from "@/lib/db/prisma";

export async function startRestartableDatabase() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "runyard-chaos-pg-"));
  const port = await freePort();
  let server: EmbeddedPostgres | undefined = await startEmbeddedPostgres({ dataDir, port, durable: false });
  await migrate(server.url);
  await disconnectPrisma();
  await closePool();
  (globalThis as { runyardEnv?: unknown }).runyardEnv = undefined;
  process.env.DATABASE_URL = server.url;
  const url = server.url;
  afterAll(async () => {
    await disconnectPrisma();
    await closePool();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    url,
    async stop() {
      await server?.stop();
      server = undefined;
    },
    async start() {
      server = await startEmbeddedPostgres({ dataDir, port, durable: false });
    },
  };
}
