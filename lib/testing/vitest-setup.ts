// Runs in each integration test worker before the tests: point the app code at the run's database.
import { afterAll, inject } from "vitest";
import { closePool } from "@/lib/db/pool";
import { disconnectPrisma } from "@/lib/db/prisma";

process.env.DATABASE_URL = inject("databaseUrl");

afterAll(async () => {
  await disconnectPrisma();
  await closePool();
});
