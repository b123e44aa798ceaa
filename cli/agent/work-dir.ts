// The agent's private files: one 0700 directory per agent process under --work-dir, holding
// the job shim and one 0700 directory per run attempt with its config (0600). A run's files
// are removed when it ends; an agent that was killed leaves its directory behind, and the next
// agent on this machine removes it at start (its process is gone).
//
//   <work-dir>/                      0700, default ~/.runyard/work
//     agent-<host>-<pid>/            0700, this agent
//       job-shim.mjs                 0600
//       run-<id8>-<attempt>-<rand>/  0700
//         config.json                0600
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

declare const __RUNYARD_JOB_SHIM__: string | undefined;

/** The shim's source: bundled as text in the one-file agent, read beside this file in a clone. */
function shimSource(): string {
  if (typeof __RUNYARD_JOB_SHIM__ === "string") return __RUNYARD_JOB_SHIM__;
  return readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "job-shim.mjs"), "utf8");
}

const host = () => os.hostname().replace(/[^A-Za-z0-9.-]/g, "_").slice(0, 64) || "host";

/** The default work directory: in the user's home, or a fresh temporary one if home is not writable. */
export function defaultWorkDir(): string {
  const home = os.homedir();
  const preferred = path.join(home, ".runyard", "work");
  try {
    mkdirSync(preferred, { recursive: true, mode: 0o700 });
    return preferred;
  } catch {
    return mkdtempSync(path.join(os.tmpdir(), "runyard-work-"));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Directories of agents on this host whose process is gone. Other hosts' (a shared disk) are left alone. */
function staleAgentDirs(root: string): string[] {
  const prefix = `agent-${host()}-`;
  return readdirSync(root)
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .filter((name) => {
      const pid = Number(name.slice(prefix.length));
      return pid === process.pid || !isRunning(pid);
    })
    .map((name) => path.join(root, name));
}

export class WorkDir {
  readonly root: string;
  readonly dir: string;
  readonly shim: string;
  /** Run directories left behind by agents that were killed, removed by this start. */
  readonly removedStale: string[];

  constructor(root: string) {
    this.root = path.resolve(root);
    mkdirSync(this.root, { recursive: true, mode: 0o700 });
    const stat = lstatSync(this.root);
    if (!stat.isDirectory() || stat.isSymbolicLink()) throw new Error(`--work-dir ${this.root} is not a directory`);
    if (typeof process.getuid === "function" && stat.uid !== process.getuid()) throw new Error(`--work-dir ${this.root} belongs to another user`);
    // Tighten it even if it existed: run configs may hold secrets.
    chmodSync(this.root, 0o700);
    this.removedStale = [];
    for (const stale of staleAgentDirs(this.root)) {
      this.removedStale.push(...readdirSync(stale).filter((name) => name.startsWith("run-")));
      rmSync(stale, { recursive: true, force: true });
    }
    this.dir = path.join(this.root, `agent-${host()}-${process.pid}`);
    mkdirSync(this.dir, { mode: 0o700 });
    this.shim = path.join(this.dir, "job-shim.mjs");
    writeFileSync(this.shim, shimSource(), { mode: 0o600 });
  }

  /** A private directory for one run attempt, with its config written 0600. */
  createRunFiles(runId: string, attempt: number, config: unknown): { dir: string; configFile: string } {
    const dir = path.join(this.dir, `run-${runId.slice(0, 8)}-${attempt}-${randomBytes(4).toString("hex")}`);
    mkdirSync(dir, { mode: 0o700 });
    const configFile = path.join(dir, "config.json");
    writeFileSync(configFile, JSON.stringify(config, null, 2), { mode: 0o600, flag: "wx" });
    return { dir, configFile };
  }

  removeRunFiles(dir: string) {
    rmSync(dir, { recursive: true, force: true });
  }

  /** At exit: nothing of this agent stays behind. */
  dispose() {
    if (existsSync(this.dir)) rmSync(this.dir, { recursive: true, force: true });
  }
}
