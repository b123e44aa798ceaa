// Playwright global setup: a fresh database, the built app serving it, and what the specs need
// handed over through the environment: the app's address, the database, the install's first
// admin token (the first-run spec signs up with it).
import { buildIfNeeded } from "@/scripts/build-if-needed";
import { startAppServer } from "@/lib/testing/app-server";
import { createTestDatabase } from "@/lib/testing/test-database";

export default async function globalSetup() {
  buildIfNeeded((line) => console.log(`[e2e] ${line}`));
  const database = await createTestDatabase("e2e");
  process.env.DATABASE_URL = database.url;
  const { bootstrapInstall } = await import("@/lib/server/tokens/bootstrap");
  const { closePool } = await import("@/lib/db/pool");
  process.env.RUNYARD_E2E_ADMIN_TOKEN = (await bootstrapInstall()) ?? "";
  await closePool();
  const server = await startAppServer({ databaseUrl: database.url, env: { RUNYARD_LEASE_S: "5", RUNYARD_WORKER_OFFLINE_AFTER_S: "10" } });
  process.env.RUNYARD_E2E_URL = server.url;
  console.log(`[e2e] app on ${server.url} (${database.kind} PostgreSQL)`);
  return async () => {
    await server.stop();
    await database.drop();
  };
}
