// A real `runyard worker start` agent process for browser tests.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function startAgent(options: { token: string; args?: string[]; env?: Record<string, string> }): ChildProcess {
  const child = spawn(
    process.execPath,
    [path.join(process.cwd(), "cli", "bin.mjs"), "worker", "start", "--heartbeat-seconds", "1", "--wait-seconds", "5",
      "--work-dir", mkdtempSync(path.join(os.tmpdir(), "runyard-e2e-work-")), ...(options.args ?? []), "--",
      process.execPath, path.join(process.cwd(), "cli", "agent", "testing", "fake-job.mjs")],
    { env: { ...process.env, RUNYARD_URL: process.env.RUNYARD_E2E_URL!, RUNYARD_TOKEN: options.token, ...options.env }, stdio: "ignore" },
  );
  return child;
}
