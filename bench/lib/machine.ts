// What the figures were measured on: they mean little without it.
import { execFileSync } from "node:child_process";
import os from "node:os";
import type pg from "pg";

export type Machine = {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverageAtStart: number[];
  node: string;
  postgres: string;
  platform: string;
  commit: string;
};

export async function describeMachine(db: pg.Pool): Promise<Machine> {
  const { rows } = await db.query<{ version: string }>("SELECT version()");
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    postgres: rows[0]!.version.split(" (")[0]!.split(",")[0]!,
    platform: `${os.platform()} ${os.release()}`,
    commit,
  };
}
