// The webhook delivery loop, started in every app instance by instrumentation.ts. About every
// RUNYARD_WEBHOOK_POLL_MS it announces changed worker states (worker-states.ts), then takes
// due deliveries from the outbox (delivery-sql.ts) and sends up to CONCURRENCY at once. A
// stopping instance takes no more and lets the attempts in flight finish (lifecycle.ts).
import { pool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { onStop, trackRequest } from "@/lib/server/lifecycle";
import { processMetrics } from "@/lib/server/metrics/process-metrics";
import { retryDelayMs } from "@/lib/server/webhooks/backoff";
import { CLAIM_DELIVERIES_SQL, PRUNE_DELIVERIES_SQL, RECORD_ATTEMPT_SQL } from "@/lib/server/webhooks/delivery-sql";
import { sendDelivery, type AttemptOutcome } from "@/lib/server/webhooks/send-delivery";
import type { Resolver } from "@/lib/server/webhooks/target-guard";
import { deliveryBody, type DeliveryRow } from "@/lib/server/webhooks/webhook-sql";
import { sweepWorkerStates } from "@/lib/server/webhooks/worker-states";

const CONCURRENCY = 16;
const PRUNE_EVERY_MS = 60_000;

type Claimed = Pick<DeliveryRow, "id" | "team_id" | "team_name" | "event" | "payload" | "attempts" | "created_at"> & { url: string; secret: string };

export type DeliveryOptions = {
  timeoutMs: number;
  backoffBaseMs: number;
  allowPrivate: boolean;
  resolve?: Resolver;
  /** Only this team's deliveries (tests sharing one database); every team's when unset. */
  teamId?: string;
};

export const deliveryOptions = (): DeliveryOptions => ({
  timeoutMs: env().RUNYARD_WEBHOOK_TIMEOUT_MS,
  backoffBaseMs: env().RUNYARD_WEBHOOK_BACKOFF_BASE_MS,
  allowPrivate: env().RUNYARD_WEBHOOK_ALLOW_PRIVATE,
});

/** Seconds a taken delivery stays leased: the longest an attempt can last, plus a margin. */
const leaseSeconds = (options: DeliveryOptions) => Math.ceil(options.timeoutMs / 1000) + 5;

export async function claimDeliveries(max: number, options: DeliveryOptions): Promise<Claimed[]> {
  return (await pool().query<Claimed>(CLAIM_DELIVERIES_SQL, [max, leaseSeconds(options), options.teamId ?? null])).rows;
}

/** Sends one taken delivery and records the outcome. */
export async function attemptDelivery(row: Claimed, options: DeliveryOptions): Promise<AttemptOutcome> {
  const body = JSON.stringify(deliveryBody(row));
  const outcome = await sendDelivery({ id: row.id, event: row.event, attempt: row.attempts, body, url: row.url, secret: row.secret }, options);
  const delivered = outcome.result === "delivered";
  await pool().query(RECORD_ATTEMPT_SQL, [
    row.id, row.attempts, delivered, delivered ? 0 : retryDelayMs(row.attempts, options.backoffBaseMs), outcome.status, outcome.error, outcome.durationMs,
  ]);
  processMetrics().webhookAttempts.inc({ team: row.team_id, event: row.event, result: outcome.result });
  return outcome;
}

/** Takes and sends what is due until nothing is (tests call this directly; the loop on a timer). */
export async function deliverDue(options: DeliveryOptions = deliveryOptions()): Promise<number> {
  // Sequential batches: an instance's loop (startWebhookLoop) overlaps them instead.
  let sent = 0;
  for (;;) {
    const rows = await claimDeliveries(CONCURRENCY, options);
    await Promise.all(rows.map((row) => attemptDelivery(row, options)));
    sent += rows.length;
    if (rows.length < CONCURRENCY) return sent;
  }
}

type LoopState = { timer?: NodeJS.Timeout; inFlight: number; ticking: boolean; stopping: boolean; lastSweep: number; lastPrune: number; failing: boolean };
const cache = globalThis as unknown as { runyardWebhookLoop?: LoopState };

export function startWebhookLoop(): void {
  if (cache.runyardWebhookLoop) return;
  const state: LoopState = { inFlight: 0, ticking: false, stopping: false, lastSweep: 0, lastPrune: Date.now(), failing: false };
  cache.runyardWebhookLoop = state;
  const options = deliveryOptions();

  const start = (row: Claimed) => {
    state.inFlight++;
    // A stopping instance waits for attempts in flight as for requests.
    const done = trackRequest();
    attemptDelivery(row, options)
      .catch((error: Error) => console.error(`[runyard] webhook delivery ${row.id} could not be recorded: ${error.message}`))
      .finally(() => {
        state.inFlight--;
        done();
        void tick();
      });
  };

  const tick = async () => {
    if (state.ticking || state.stopping) return;
    state.ticking = true;
    try {
      // Ticks also follow finished attempts (to take more); the sweep keeps to its interval.
      if (Date.now() - state.lastSweep >= env().RUNYARD_WEBHOOK_POLL_MS - 10) {
        state.lastSweep = Date.now();
        await sweepWorkerStates();
      }
      for (;;) {
        const free = CONCURRENCY - state.inFlight;
        if (free <= 0 || state.stopping) break;
        const rows = await claimDeliveries(free, options);
        rows.forEach(start);
        if (rows.length < free) break;
      }
      if (Date.now() - state.lastPrune > PRUNE_EVERY_MS) {
        state.lastPrune = Date.now();
        await pool().query(PRUNE_DELIVERIES_SQL, [env().RUNYARD_WEBHOOK_KEEP_DAYS]);
      }
      if (state.failing) console.log("[runyard] webhook loop: database reachable again");
      state.failing = false;
    } catch (error) {
      if (!state.failing) console.error(`[runyard] webhook loop failed (will keep trying): ${(error as Error).message}`);
      state.failing = true;
    } finally {
      state.ticking = false;
    }
  };

  state.timer = setInterval(() => void tick(), env().RUNYARD_WEBHOOK_POLL_MS);
  state.timer.unref();
  onStop(() => {
    state.stopping = true;
    clearInterval(state.timer);
  });
}
