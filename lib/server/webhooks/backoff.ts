// When a failed delivery is tried again: the delay doubles with each attempt, from
// RUNYARD_WEBHOOK_BACKOFF_BASE_MS (10 s) up to an hour, ±20 % jitter so that many deliveries
// failing together do not come back together. Retries stop at the delivery's give_up_at
// (24 h after it was made); the last attempt is made then.
const MAX_DELAY_MS = 3_600_000;

export function retryDelayMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, Math.min(30, attempts - 1)));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
