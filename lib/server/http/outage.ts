// Database outages, said the same way everywhere (issue 12): an error is an outage when it is
// a connection-level failure (lib/server/http/problem.ts), or when whatever failed (Better Auth
// swallows the database's error into its own 500) cannot reach the database either.
import { pool } from "@/lib/db/pool";
import { AppError } from "@/lib/server/errors";
import { toAppError } from "@/lib/server/http/problem";

const OUTAGE_MESSAGE = "the database is unavailable; retry shortly";

/** Whether the database answers a trivial query within a few seconds. */
export async function databaseReachable(): Promise<boolean> {
  try {
    await Promise.race([
      pool().query("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

export function databaseUnavailable(cause?: unknown): AppError {
  return new AppError("database_unavailable", OUTAGE_MESSAGE, { cause });
}

/** Whether `error` is (or, after a probe, turns out to be caused by) a database outage. */
export async function isDatabaseOutage(error: unknown): Promise<boolean> {
  if (error instanceof AppError) return error.code === "database_unavailable";
  if (toAppError(error).code === "database_unavailable") return true;
  // Next's redirect()/notFound() are control flow, never outages.
  const digest = (error as { digest?: unknown } | undefined)?.digest;
  if (typeof digest === "string" && /^NEXT_/.test(digest)) return false;
  return !(await databaseReachable());
}

/** Rethrows `error` as a 503 database_unavailable when the database is down, else as it is. */
export async function rethrowAsOutage(error: unknown): Promise<never> {
  if (await isDatabaseOutage(error)) throw databaseUnavailable(error);
  throw error;
}
