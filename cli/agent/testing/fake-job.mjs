#!/usr/bin/env node
// A job for the agent tests. Reads its run's config (RUNYARD_RUN_CONFIG) and appends what it
// does to the ledger file in TEST_JOB_LEDGER, so tests can see which worker ran which run,
// when, and how often:
//   { "sleepMs": 500, "exitCode": 0, "steps": 4, "ignoreTerm": false, "fail": "message", "say": ["line", …] }
// `say` lines are printed one per step, before the step's wait. `{ "lines": 1500, "linesMs": 6000 }`
// first prints "line 1" … "line 1500" spread over linesMs, in bursts of 50.
import { appendFileSync, readFileSync } from "node:fs";

const config = JSON.parse(readFileSync(process.env.RUNYARD_RUN_CONFIG, "utf8"));
const ledger = process.env.TEST_JOB_LEDGER;
const record = (event) =>
  ledger &&
  appendFileSync(ledger, JSON.stringify({ event, run: process.env.RUNYARD_RUN_ID, attempt: Number(process.env.RUNYARD_RUN_ATTEMPT), worker: process.env.RUNYARD_WORKER_ID, pid: process.pid, t: Date.now() }) + "\n");

record("start");
if (config.ignoreTerm) process.on("SIGTERM", () => record("sigterm-ignored"));
else process.on("SIGTERM", () => (record("sigterm"), process.exit(143)));

if (config.lines) {
  const bursts = Math.ceil(config.lines / 50);
  for (let b = 0; b < bursts; b++) {
    const from = b * 50 + 1;
    const to = Math.min(config.lines, from + 49);
    process.stdout.write(Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join(""));
    await new Promise((r) => setTimeout(r, (config.linesMs ?? 0) / bursts));
  }
}

const steps = config.steps ?? 1;
for (let i = 1; i <= steps; i++) {
  if (config.say?.[i - 1] !== undefined) console.log(config.say[i - 1]);
  await new Promise((r) => setTimeout(r, (config.sleepMs ?? 0) / steps));
  console.log(`::progress ${Math.round((100 * i) / steps)}`);
}
if (config.fail) console.error(config.fail);
record("end");
process.exit(config.exitCode ?? 0);
