// The claim statement's own execution time, read from EXPLAIN ANALYZE inside a transaction that
// is rolled back (nothing is claimed): the cost SPEC §4 says must not grow with runs the
// worker cannot take, free of the HTTP and client noise around it.
import type pg from "pg";
import { CLAIM_SQL } from "@/lib/server/claims/claim-sql";
import { percentile } from "./stats";

export async function claimStatementMs(db: pg.Pool, workerId: string, samples = 20): Promise<number | undefined> {
  const client = await db.connect();
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      await client.query("BEGIN");
      const { rows } = await client.query<{ "QUERY PLAN": [{ "Execution Time": number }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${CLAIM_SQL}`, [workerId, 1, 15]);
      await client.query("ROLLBACK");
      times.push(rows[0]!["QUERY PLAN"][0]["Execution Time"]);
    }
  } finally {
    client.release();
  }
  return percentile(times, 50);
}
