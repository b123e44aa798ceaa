// The shapes every scenario reports, shared by the runner and the renderer.
import type pg from "pg";
import type { RunyardClient } from "@/lib/client/runyard-client";
import type { AppServer } from "@/lib/testing/app-server";

export type Figure = number | string | null;

export type Check = { name: string; ok: boolean; detail: string };

export type ScenarioResult = {
  name: string;
  title: string;
  /** Named measurements, e.g. { runsPerSecond: 412.3 }. */
  figures: Record<string, Figure>;
  /** One or two sentences: clients, durations, sizes, what the clock starts and stops on. */
  method: string;
  checks: Check[];
  /** Set when the scenario could not run here (e.g. no pgbench), with the reason. */
  skipped?: string;
  /** Side-by-side arms (bench/lib/arms.ts): every round's figures, CPU split and load. */
  arms?: import("./arms").ArmResult[];
  seconds: number;
};

export type BenchTeam = {
  teamId: string;
  admin: RunyardClient;
  /** A client with a worker token bound to this worker, as an agent would hold. */
  workerClient(workerId: string): Promise<RunyardClient>;
};

export type BenchContext = {
  quick: boolean;
  app: AppServer;
  databaseUrl: string;
  db: pg.Pool;
  /** A fresh team: scenarios never see each other's runs or workers. `baseUrl`: its clients talk to another app instance. */
  newTeam(prefix: string, options?: { baseUrl?: string }): Promise<BenchTeam>;
  /** The machine's 1-minute load average now. */
  load(): number;
  log(line: string): void;
};

export type ScenarioOutcome = Omit<ScenarioResult, "name" | "title" | "seconds">;

export type Scenario = {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<ScenarioOutcome>;
};
