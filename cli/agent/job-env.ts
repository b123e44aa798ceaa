// The environment a job runs with: the agent's own, minus its credentials, plus the run's
// variables and the attempt's job token. A job runs code from a run's config, so it must never
// be able to act as the agent (claim other runs, report them, or — with an admin token — act
// as a team admin): it gets RUNYARD_JOB_TOKEN, limited to its own run and attempt.
//
// Removed: every RUNYARD_* variable the agent was started with (RUNYARD_TOKEN above all; the
// job's RUNYARD_* variables are set afresh below) and whatever --strip-env names.
import type { ClaimedRun } from "@/lib/contract/runs";

export type JobEnvOptions = {
  run: ClaimedRun;
  workerId: string;
  url: string;
  configFile: string;
  runDir: string;
  /** Extra names to remove, from --strip-env; a trailing * matches a prefix (AWS_*). */
  strip: readonly string[];
};

export function matchesStripPattern(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => (pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
}

export function jobEnvironment(base: NodeJS.ProcessEnv, options: JobEnvOptions): NodeJS.ProcessEnv {
  const { run } = options;
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of Object.keys(env)) {
    if (name.startsWith("RUNYARD_") || matchesStripPattern(name, options.strip)) delete env[name];
  }
  return Object.assign(env, {
    RUNYARD_URL: options.url,
    RUNYARD_JOB_TOKEN: run.jobToken,
    RUNYARD_RUN_ID: run.id,
    RUNYARD_RUN_NAME: run.name ?? "",
    RUNYARD_RUN_ATTEMPT: String(run.attempt),
    RUNYARD_RUN_CONFIG: options.configFile,
    RUNYARD_RUN_DIR: options.runDir,
    RUNYARD_RUNS_ON: run.runsOn.join(","),
    RUNYARD_DATASET: run.dataset ?? "",
    RUNYARD_WORKER_ID: options.workerId,
  });
}
