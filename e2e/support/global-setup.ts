// Playwright global setup: a fresh database, the built app serving it, and the address and
// database handed to the specs through the environment.
import { buildIfNeeded } from "@/scripts/build-if-needed";
import { createTestDatabase } from "@/lib/testing/test-database";
import { startAppServer } from "@/lib/testing/app-server";

export default async function globalSetup() {
  buildIfNeeded((line) => console.log(`[e2e] ${line}`));
  const database = await createTestDatabase("e2e");
  const server = await startAppServer({ databaseUrl: database.url });
  process.env.RUNYARD_E2E_URL = server.url;
  process.env.DATABASE_URL = database.url;
  console.log(`[e2e] app on ${server.url} (${database.kind} PostgreSQL)`);
  return async () => {
    await server.stop();
    await database.drop();
  };
}
