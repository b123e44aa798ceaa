#!/usr/bin/env node
// Runs one job's command and makes sure it cannot outlive its agent. The agent starts this
// shim as the leader of a new process group, with a pipe on stdin that it never writes to.
// If the agent dies — even by kill -9 — the pipe closes, and the shim stops the whole group:
// a job whose run will be re-queued must not keep running beside its replacement.
import { spawn } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
const graceMs = Number(process.env.RUNYARD_SHIM_GRACE_MS ?? 10_000);
delete process.env.RUNYARD_SHIM_GRACE_MS;

const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
child.once("error", (error) => {
  process.stderr.write(`cannot start ${command}: ${error.message}\n`);
  process.exit(127);
});

// The agent signals the whole group; the job gets SIGTERM too and decides how to stop.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => undefined);

process.stdin.on("error", () => undefined);
process.stdin.once("close", () => {
  try {
    process.kill(-process.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  setTimeout(() => {
    try {
      process.kill(-process.pid, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  }, graceMs).unref();
});
process.stdin.resume();

child.once("exit", (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 1);
});
