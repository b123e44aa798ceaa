// Starts the built app (production mode, scripts/serve.ts) on a free port against a database.
// Shared by the e2e setup, the agent tests, the chaos suite and the benchmarks.
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "@/lib/db/embedded-postgres";
import { serveCommand } from "@/scripts/serve-command";

export type AppServer = { url: string; port: number; process: ChildProcess; stop(): Promise<void>; output(): string };

export async function startAppServer(options: { databaseUrl: string; env?: Record<string, string>; port?: number }): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const serve = serveCommand();
  const child = spawn(serve.command, serve.args, {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: options.databaseUrl, PORT: String(port), ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited while starting:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the app did not become healthy within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    process: child,
    output: () => output,
    stop: async () => {
      // Already gone — exited, or killed by a signal (then exitCode stays null): nothing to wait for.
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
