// Next.js calls register() once when an app instance starts: begin the lease sweep and the
// webhook delivery loop, and take over SIGTERM/SIGINT for a graceful stop (see lib/server/lifecycle.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startLeaseSweeper } = await import("@/lib/server/runs/lease-sweeper");
  const { installGracefulStop, onStop } = await import("@/lib/server/lifecycle");
  const { wakeups } = await import("@/lib/server/claims/wakeups");
  startLeaseSweeper();
  const { startWebhookLoop } = await import("@/lib/server/webhooks/delivery-loop");
  startWebhookLoop();
  onStop(() => wakeups().wakeAll());
  installGracefulStop();
}
