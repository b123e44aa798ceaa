// Jobs run code from a run's config: they must never hold the agent's credential, their run
// files must be private and must not outlive the run, and their own token must die with the
// attempt. Real agent processes, a real job script, the built app.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RunyardClient } from "@/lib/client/runyard-client";
import { eventually, startStack } from "@/lib/testing/agent-harness";

const INSPECT_JOB = path.join(process.cwd(), "cli", "agent", "testing", "inspect-job.mjs");

type Stack = Awaited<ReturnType<typeof startStack>>;
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

type Inspection = {
  runyardNames: string[];
  hasAgentToken: boolean;
  strippedSecret: boolean;
  keptPlain: string | null;
  jobToken: string | null;
  configFile: string;
  configMode: string;
  configDirMode: string;
  config: Record<string, unknown>;
  ownRun: number;
  ownLogs: number;
  ownProgress: number;
  ownComplete: number;
  otherRun: number | null;
  otherLogs: number | null;
  schedule: number;
};

async function inspection(s: Stack, runId: string): Promise<Inspection> {
  return eventually(async () => {
    const line = (await s.admin().getComputeWorkerRunLogs(runId)).items.find((l) => l.line.startsWith("INSPECT "));
    return line && (JSON.parse(line.line.slice("INSPECT ".length)) as Inspection);
  }, "the job's inspection");
}

describe("what a job can see and do", () => {
  it("has no RUNYARD_TOKEN, only a job token for its own run and attempt, and private run files removed at the end", async () => {
    stack = await startStack();
    const s = stack;
    const workDir = mkdtempSync(path.join(os.tmpdir(), "runyard-work-"));
    // An admin token, as the old README suggested: the worst case for a leak.
    await s.agent(["--name", "isolation", "--labels", "iso", "--work-dir", workDir, "--strip-env", "JOB_TEST_SECRET"], { JOB_TEST_SECRET: "hunter2", JOB_TEST_PLAIN: "kept" }, "admin", [process.execPath, INSPECT_JOB]);
    const other = await s.admin().scheduleComputeWorkerRun({ name: "someone else's", runsOn: ["nobody-has-this"] });
    const run = await s.admin().scheduleComputeWorkerRun({ name: "inspect", runsOn: ["iso"], config: { otherRunId: other.id, password: "hunter2", holdMs: 3000 } });

    const seen = await inspection(s, run.id);
    expect(seen.hasAgentToken).toBe(false);
    expect(seen.runyardNames).toEqual([
      "RUNYARD_DATASET", "RUNYARD_JOB_TOKEN", "RUNYARD_RUNS_ON", "RUNYARD_RUN_ATTEMPT", "RUNYARD_RUN_CONFIG", "RUNYARD_RUN_DIR",
      "RUNYARD_RUN_ID", "RUNYARD_RUN_NAME", "RUNYARD_URL", "RUNYARD_WORKER_ID",
    ]);
    expect(seen.strippedSecret).toBe(true);
    expect(seen.keptPlain).toBe("kept");
    expect(seen.config).toMatchObject({ password: "hunter2" });
    expect(seen.configMode).toBe("600");
    expect(seen.configDirMode).toBe("700");
    expect(seen.configFile.startsWith(workDir + path.sep)).toBe(true);
    // The job token: its own run yes, its state no, another run and other routes no.
    expect(seen).toMatchObject({ ownRun: 200, ownLogs: 200, ownProgress: 200, ownComplete: 403, otherRun: 403, otherLogs: 403, schedule: 403 });

    const done = await eventually(async () => {
      const r = await s.admin().getComputeWorkerRunInfo(run.id);
      return r.state === "COMPLETED" && r;
    }, "the run to complete");
    expect(done.events.some((e) => e.message === "reported with the job token")).toBe(true);
    expect((await s.admin().getComputeWorkerRunLogs(run.id)).items.map((l) => l.line)).toContain("appended with the job token");
    expect((await s.admin().getComputeWorkerRunLogs(other.id)).items).toEqual([]);
    // Gone after the run, and the token died with the attempt.
    await eventually(() => !existsSync(path.dirname(seen.configFile)), "the run's files to be removed");
    const job = new RunyardClient({ baseUrl: s.server.url, token: seen.jobToken! });
    expect(await job.getComputeWorkerRunInfo(run.id).then(() => 200, (e: { status: number }) => e.status)).toBe(401);
  });

  it("removes the run files of an agent that was killed when the next agent starts", async () => {
    stack = await startStack();
    const s = stack;
    const workDir = mkdtempSync(path.join(os.tmpdir(), "runyard-work-"));
    const doomed = await s.agent(["--name", "doomed-files", "--work-dir", workDir], {}, "admin", [process.execPath, INSPECT_JOB]);
    const run = await s.admin().scheduleComputeWorkerRun({ config: { holdMs: 60_000 } });
    const seen = await inspection(s, run.id);
    doomed.process.kill("SIGKILL");
    await doomed.exited;
    expect(existsSync(seen.configFile)).toBe(true);
    // A directory left by an agent of another host on a shared disk is not ours to remove.
    const foreign = path.join(workDir, "agent-elsewhere.example-4242");
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, "keep"), "");

    const next = await s.agent(["--name", "doomed-files", "--work-dir", workDir, "--force"], {}, "admin", [process.execPath, INSPECT_JOB]);
    await eventually(() => next.output().includes("removed the files of 1 run"), "the stale files to be reported removed");
    expect(existsSync(seen.configFile)).toBe(false);
    expect(existsSync(path.join(foreign, "keep"))).toBe(true);
    expect(readdirSync(workDir).filter((name) => name.startsWith(`agent-`))).toHaveLength(2);
  });
});
