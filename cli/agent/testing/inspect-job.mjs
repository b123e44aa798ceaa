#!/usr/bin/env node
// A job for the security tests: reports, as one log line `INSPECT {json}`, what a job can see
// and do — its environment, its config file's permissions, and what its RUNYARD_JOB_TOKEN is
// allowed (its own run: yes; the run named in config.otherRunId: no). Then it waits
// config.holdMs, so a test can look at its files while it runs.
import { statSync } from "node:fs";
import path from "node:path";

const env = process.env;
const config = JSON.parse((await import("node:fs")).readFileSync(env.RUNYARD_RUN_CONFIG, "utf8"));
const api = `${env.RUNYARD_URL}/api/v1`;
const auth = { authorization: `Bearer ${env.RUNYARD_JOB_TOKEN}`, "content-type": "application/json" };
const status = async (method, url, body) => (await fetch(url, { method, headers: auth, body: body && JSON.stringify(body) }).catch(() => ({ status: 0 }))).status;
const mode = (file) => (statSync(file).mode & 0o777).toString(8);
const attempt = Number(env.RUNYARD_RUN_ATTEMPT);

const report = {
  runyardNames: Object.keys(env).filter((name) => name.startsWith("RUNYARD_")).sort(),
  hasAgentToken: "RUNYARD_TOKEN" in env,
  strippedSecret: !("JOB_TEST_SECRET" in env),
  keptPlain: env.JOB_TEST_PLAIN ?? null,
  jobToken: env.RUNYARD_JOB_TOKEN ?? null,
  configFile: env.RUNYARD_RUN_CONFIG,
  configMode: mode(env.RUNYARD_RUN_CONFIG),
  configDirMode: mode(path.dirname(env.RUNYARD_RUN_CONFIG)),
  config,
  ownRun: await status("GET", `${api}/runs/${env.RUNYARD_RUN_ID}`),
  ownLogs: await status("POST", `${api}/runs/${env.RUNYARD_RUN_ID}/logs`, { leaseToken: attempt, lines: [{ stream: "stdout", line: "appended with the job token" }] }),
  ownProgress: await status("POST", `${api}/runs/${env.RUNYARD_RUN_ID}/events`, { leaseToken: attempt, progress: 37, message: "reported with the job token" }),
  ownComplete: await status("POST", `${api}/runs/${env.RUNYARD_RUN_ID}/events`, { leaseToken: attempt, state: "COMPLETED" }),
  otherRun: config.otherRunId ? await status("GET", `${api}/runs/${config.otherRunId}`) : null,
  otherLogs: config.otherRunId ? await status("POST", `${api}/runs/${config.otherRunId}/logs`, { leaseToken: 1, lines: [{ stream: "stdout", line: "x" }] }) : null,
  schedule: await status("POST", `${api}/runs`, {}),
};
console.log(`INSPECT ${JSON.stringify(report)}`);
await new Promise((resolve) => setTimeout(resolve, config.holdMs ?? 0));
