// The commands the register dialog shows: start this worker's agent on a bare machine with
// Node ≥ 20 — download the one-file agent from this server, check it against the sha256 this
// page was rendered with, start it — or install it as a systemd service. Each is one shell
// command (joined by &&), so a failed download or check stops it before anything runs.
import { shellQuote } from "@/lib/domain/shell-quote";

export type InstallOptions = {
  /** The server's public origin (RUNYARD_PUBLIC_URL, or the address this page was reached at). */
  origin: string;
  /** The bundle's sha256 as this server serves it; null: check against the published .sha256. */
  sha256: string | null;
  workerId: string;
  maxConcurrency: number;
  /** A worker token bound to this worker, or null for a placeholder. */
  token: string | null;
  /** What to run for each run, as typed (shell syntax); empty for a placeholder. */
  jobCommand: string;
};

export const TOKEN_PLACEHOLDER = "<a worker token for this worker>";
const COMMAND_PLACEHOLDER = "<your command>";

/** Download into `dir` (the current directory when empty) and check the sha256. */
function downloadAndCheck(o: InstallOptions, dir: string, sudo: string): string[] {
  const url = `${o.origin}/downloads/runyard-agent.mjs`;
  const file = `${dir}runyard-agent.mjs`;
  return o.sha256
    ? [`${sudo}curl -fsSLo ${file} ${url}`, `echo "${o.sha256}  ${file}" | sha256sum -c -`]
    : [`${sudo}curl -fsSLo ${file} ${url}`, `${sudo}curl -fsSLo ${file}.sha256 ${url}.sha256`, `(cd ${dir || "."} && sha256sum -c runyard-agent.mjs.sha256)`];
}

/**
 * The job command as the agent should get it. The agent runs it without a shell, once per run;
 * so a command that needs one for each run — $RUNYARD_RUN_CONFIG, pipes, && — goes through
 * `sh -c '…'`, or the shell that starts the agent would expand it once, at start.
 */
export function jobCommandArgs(typed: string): string {
  const command = typed.trim();
  if (!command) return COMMAND_PLACEHOLDER;
  return /[$`|&;<>]/.test(command) ? `sh -c ${shellQuote(command)}` : command;
}

const startArgs = (o: InstallOptions, extra = "") =>
  `worker start${o.maxConcurrency > 1 ? ` --concurrency ${o.maxConcurrency}` : ""}${extra} -- ${jobCommandArgs(o.jobCommand)}`;
const token = (o: InstallOptions) => (o.token ? shellQuote(o.token) : `'${TOKEN_PLACEHOLDER}'`);

/** Download, verify, start — in the current directory, in the foreground. */
export function tryItCommand(o: InstallOptions): string {
  return [
    ...downloadAndCheck(o, "", ""),
    `RUNYARD_URL=${shellQuote(o.origin)} RUNYARD_TOKEN=${token(o)} RUNYARD_WORKER_ID=${o.workerId} \\\n  node runyard-agent.mjs ${startArgs(o)}`,
  ].join(" && \\\n");
}

/**
 * The same as a systemd service: the agent in /opt/runyard, the token in a 0600 file, the unit
 * printed by the agent itself — running as this user, in this directory (where the job's files are).
 */
export function serviceCommand(o: InstallOptions): string {
  const settings = [`RUNYARD_URL=${o.origin}`, `RUNYARD_TOKEN=${o.token ?? TOKEN_PLACEHOLDER}`, `RUNYARD_WORKER_ID=${o.workerId}`];
  return [
    "sudo install -d -m 0755 /opt/runyard",
    ...downloadAndCheck(o, "/opt/runyard/", "sudo "),
    "sudo install -d -m 0700 /etc/runyard",
    `printf '%s\\n' ${settings.map(shellQuote).join(" ")} | sudo install -m 0600 /dev/stdin /etc/runyard/agent.env`,
    `node /opt/runyard/runyard-agent.mjs ${startArgs(o, " --print-systemd-unit")} | sudo tee /etc/systemd/system/runyard-agent.service >/dev/null`,
    "sudo systemctl daemon-reload",
    "sudo systemctl enable --now runyard-agent",
  ].join(" && \\\n");
}
