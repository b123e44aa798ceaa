// Password guessing against one account, from however many addresses (OWASP ASVS 2.2.1).
// Better Auth limits sign-in per client address (lib/server/accounts/auth.ts); this limits it
// per account: after LOCK_AFTER failures in a row the account waits, BASE_LOCK_S at first and
// twice as long after every further failure, up to MAX_LOCK_S. That allows well under the
// ASVS ceiling of 100 failed attempts an hour, and a person who mistyped recovers in 30 s.
//
// Every attempt is counted *before* the password is checked, in one statement that holds the
// row lock, so a burst of concurrent guesses cannot all read "not locked" and slip through;
// a successful sign-in then deletes the row. Rows are keyed by the email as typed (trimmed,
// lower-cased), account or not, so a lock says nothing about which emails have accounts.
import { pool } from "@/lib/db/pool";

export const LOCK_AFTER = 5;
const BASE_LOCK_S = 30;
const MAX_LOCK_S = 15 * 60;
/** Failures older than this no longer count towards a lock, and their rows are deleted. */
const FORGET_AFTER_H = 24;

export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Either go ahead (the attempt is already counted) or wait this many seconds. */
export type Reservation = { allowed: true } | { allowed: false; waitSeconds: number };

// The failure count after this attempt: failures older than FORGET_AFTER_H are forgotten.
const NEXT_FAILURES = "CASE WHEN t.last_attempt_at < now() - make_interval(hours => $2) THEN 1 ELSE t.failures + 1 END";

export async function reserveSignInAttempt(account: string): Promise<Reservation> {
  // One statement under the row lock: count the attempt — and, from the LOCK_AFTER-th on, lock
  // the account for the attempts after it — unless a lock is running. Then the WHERE filters
  // the row out, nothing is returned, and the second query reads how long is left.
  const { rows } = await pool().query<{ failures: number }>(
    `INSERT INTO sign_in_throttles AS t (account, failures, last_attempt_at, locked_until)
     VALUES ($1, 1, now(), NULL)
     ON CONFLICT (account) DO UPDATE
        SET failures = ${NEXT_FAILURES},
            last_attempt_at = now(),
            locked_until = CASE WHEN ${NEXT_FAILURES} >= $3
              THEN now() + make_interval(secs => least($5, $4 * power(2, least(${NEXT_FAILURES} - $3, 20))))
              ELSE NULL END
      WHERE t.locked_until IS NULL OR t.locked_until <= now()
     RETURNING failures`,
    [account, FORGET_AFTER_H, LOCK_AFTER, BASE_LOCK_S, MAX_LOCK_S],
  );
  if (rows[0]) return { allowed: true };
  const { rows: locked } = await pool().query<{ wait: number }>(
    "SELECT ceil(extract(epoch FROM locked_until - now()))::int AS wait FROM sign_in_throttles WHERE account = $1",
    [account],
  );
  return { allowed: false, waitSeconds: Math.max(1, locked[0]?.wait ?? 1) };
}

/** A successful sign-in forgets the account's failures (and the lock its own attempt set). */
export async function forgetFailures(account: string): Promise<void> {
  await pool().query("DELETE FROM sign_in_throttles WHERE account = $1", [account]);
}

/**
 * Deletes what no longer limits anybody: lock rows whose failures are forgotten and whose lock
 * ran out, and Better Auth's rate_limits rows older than an hour (its windows are a minute;
 * it prunes only when a key is reused, so rows for addresses seen once would stay forever).
 */
export async function pruneSignInRecords(): Promise<void> {
  await pool().query(
    `DELETE FROM sign_in_throttles
      WHERE last_attempt_at < now() - make_interval(hours => $1) AND (locked_until IS NULL OR locked_until < now())`,
    [FORGET_AFTER_H],
  );
  await pool().query("DELETE FROM rate_limits WHERE last_request < $1", [Date.now() - 3600_000]);
}

const PRUNE_EVERY_MS = 10 * 60_000;
const state = globalThis as unknown as { runyardLastPrune?: number };

/** Prunes at most every ten minutes per app instance, off the request's critical path. */
export function pruneNowAndThen(): void {
  const now = Date.now();
  if (state.runyardLastPrune && now - state.runyardLastPrune < PRUNE_EVERY_MS) return;
  state.runyardLastPrune = now;
  pruneSignInRecords().catch((error: unknown) => console.error("[runyard] pruning sign-in records failed", error));
}
