// Next.js calls register() once when an app instance starts: begin the lease sweep there.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startLeaseSweeper } = await import("@/lib/server/runs/lease-sweeper");
  startLeaseSweeper();
}
