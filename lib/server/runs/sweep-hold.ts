// The lease sweep waits while the server is starting and not yet listening: a sweep that re-queues
// (or an outage credit that renews) leases while agents cannot reach this instance would punish
// live agents for our own start-up. scripts/serve.ts holds it before Next prepares (which starts
// the sweep, instrumentation.ts) and releases it once the port is open. Kept on globalThis because
// serve.ts and the app's bundle load this file as two module instances in one process.
const state = globalThis as unknown as { runyardSweepHeld?: boolean };

export function holdSweepUntilListening(): void {
  state.runyardSweepHeld = true;
}

export function releaseSweep(): void {
  state.runyardSweepHeld = false;
}

export function isSweepHeld(): boolean {
  return state.runyardSweepHeld === true;
}
