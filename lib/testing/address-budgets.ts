// Per-address budgets (Better Auth's sign-in/sign-up rate limits, our `rateLimited` routes) live in
// the database, which every agent test file shares: sign-ins one file makes from 127.0.0.1
// count against the next file's budget for 127.0.0.1. A file that counts (or must not be
// refused) starts from empty budgets for the addresses tests use: loopback and the
// documentation range 198.51.100.0/24 (RFC 5737). Every other address keeps its counts.
import { pool } from "@/lib/db/pool";

const TEST_ADDRESS = String.raw`(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1|198\.51\.100\.[0-9]+)`;

export async function forgetTestAddressBudgets(): Promise<number> {
  // Better Auth's keys are "<address>|<path>", ours "runyard:<name>|<address>".
  const { rowCount } = await pool().query(`DELETE FROM rate_limits WHERE key ~ $1 OR key ~ $2`, [`^${TEST_ADDRESS}\\|`, `^runyard:[^|]*\\|${TEST_ADDRESS}$`]);
  return rowCount ?? 0;
}
