// For tests that need a database of their own (first-run setup needs one with no users):
// points this test file's process at a new, migrated database.
import { afterAll } from "vitest";
import { closePool } from "@/lib/db/pool";
import { createTestDatabase } from "@/lib/testing/test-database";

export async function useFreshDatabase(label: string): Promise<void> {
  const database = await createTestDatabase(label);
  await closePool();
  (globalThis as { runyardEnv?: unknown; runyardAuth?: unknown }).runyardEnv = undefined;
  (globalThis as { runyardAuth?: unknown }).runyardAuth = undefined;
  process.env.DATABASE_URL = database.url;
  afterAll(async () => {
    await closePool();
    await database.drop();
  });
}
