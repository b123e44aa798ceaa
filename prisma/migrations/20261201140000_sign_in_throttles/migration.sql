-- Failed sign-ins per account, whatever address they came from (OWASP ASVS 2.2.1): after 5 in
-- a row the account waits, 30 s at first and twice as long after every further failure (up to
-- 15 min); a successful sign-in deletes the row (lib/server/accounts/sign-in-throttle.ts).
-- Keyed by the email as typed (lower-cased), whether or not an account has it, so the lock
-- reveals nothing about which emails have accounts.
CREATE TABLE "sign_in_throttles" (
    "account" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("account")
);
-- Expiry of old rows (and of Better Auth's rate_limits rows) scans by age.
CREATE INDEX "sign_in_throttles_last_attempt_at_idx" ON "sign_in_throttles"("last_attempt_at");
CREATE INDEX "rate_limits_last_request_idx" ON "rate_limits"("last_request");
