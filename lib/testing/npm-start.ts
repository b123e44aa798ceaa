// Runs the product the way a person does — `npm start` (scripts/start.ts): embedded PostgreSQL
// in its own data directory unless a DATABASE_URL is given, migrations, the first admin token in
// the log, the app server — and stops it with SIGTERM as Ctrl-C or systemd would. Used by the
// field tests (issue 12). The app must already be built (the caller's global setup does that).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "@/lib/db/embedded-postgres";

export type StartedProduct = {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  process: ChildProcess;
  /** The first admin token `npm start` printed (fresh installs only). */
  firstToken: string | undefined;
  output(): string;
  /** Resolves when the output matches `pattern` (polled; rejects after `timeoutMs`). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
};

export async function npmStart(options: { cwd?: string; env?: Record<string, string>; port?: number; timeoutMs?: number } = {}): Promise<StartedProduct> {
  const port = options.port ?? (await freePort());
  const cwd = options.cwd ?? process.cwd();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(cwd, "scripts", "start.ts")], {
    cwd,
    // Empty means unset for Runyard's settings: an inherited test DATABASE_URL must not leak in.
    env: { ...process.env, DATABASE_URL: "", PORT: String(port), ...options.env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const waitForOutput = async (pattern: RegExp, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = output.match(pattern);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`no ${pattern} in the output within ${timeoutMs / 1000} s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await Promise.race([
      waitForOutput(/Runyard is up/, options.timeoutMs ?? 300_000),
      new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`npm start exited (code ${code}):\n${output}`)))),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    firstToken: /export RUNYARD_TOKEN=(\S+)/.exec(output)?.[1],
    output: () => output,
    waitForOutput,
    stop,
  };
}
