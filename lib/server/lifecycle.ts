// Graceful stop of an app instance (a deploy, Ctrl-C): stop the lease sweep, answer waiting
// long-polls at once (agents simply poll again, here or on another instance), let in-flight
// requests finish for up to 10 s, then exit. Without this, Next's own handler waits for every
// keep-alive connection to go idle, which busy agents never let happen.
import { closePool } from "@/lib/db/pool";

const DRAIN_MS = 10_000;

type Lifecycle = { inFlight: number; stopping: boolean; onStop: Set<() => void>; installed: boolean };
const state = ((globalThis as unknown as { runyardLifecycle?: Lifecycle }).runyardLifecycle ??= {
  inFlight: 0,
  stopping: false,
  onStop: new Set(),
  installed: false,
});

export const isStopping = () => state.stopping;

/** Counts a request in flight; call the returned function when it is answered. */
export function trackRequest(): () => void {
  state.inFlight++;
  return () => void state.inFlight--;
}

/** Runs `fn` when the instance starts stopping; returns an unsubscribe function. */
export function onStop(fn: () => void): () => void {
  state.onStop.add(fn);
  return () => void state.onStop.delete(fn);
}

export function installGracefulStop(): void {
  if (state.installed) return;
  state.installed = true;
  const stop = async (signal: NodeJS.Signals) => {
    if (state.stopping) return;
    state.stopping = true;
    console.log(`[runyard] ${signal}: finishing ${state.inFlight} request(s) in flight, then stopping`);
    for (const fn of state.onStop) fn();
    const deadline = Date.now() + DRAIN_MS;
    while (state.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await closePool().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
