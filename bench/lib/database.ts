// The benchmark's database: a scratch database on DATABASE_URL's server when it is set, else a
// fresh embedded PostgreSQL in a temporary directory — durable, as `npm start` runs it.
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

export type BenchDatabase = TestDatabase;

export function openBenchDatabase(): Promise<BenchDatabase> {
  return createTestDatabase("bench", { durable: true });
}
