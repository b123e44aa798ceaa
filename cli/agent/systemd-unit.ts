// `runyard worker start --print-systemd-unit`: the agent as a systemd service. The token stays
// out of the unit (units are world-readable): it lives in a 0600 EnvironmentFile. SIGTERM
// drains the agent (no new runs; running jobs finish), so the stop timeout is long, and
// KillMode=mixed sends it to the agent only — the jobs are the agent's to stop.

export type UnitOptions = {
  /** node, and the agent script (the downloaded runyard-agent.mjs, or cli/bin.mjs in a clone). */
  execPath: string;
  script: string;
  /** `worker start` options to keep (without the unit's own). */
  args: readonly string[];
  command: readonly string[];
  user: string;
  workingDirectory: string;
  envFile: string;
  stopTimeoutSeconds: number;
  /** Shown in the instructions: what the environment file should hold. */
  url?: string;
  workerId?: string;
};

const PLAIN = /^[A-Za-z0-9_@+=:,./%$-]+$/;

/** One ExecStart word: % and $ escaped (systemd expands them), quoted when it has to be. */
export function systemdQuote(arg: string): string {
  const escaped = arg.replace(/%/g, "%%").replace(/\$/g, () => "$$");
  if (escaped === ";") return "\\;";
  if (PLAIN.test(escaped)) return escaped;
  const inner = escaped.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t");
  return `"${inner}"`;
}

export function systemdUnit(o: UnitOptions): string {
  const exec = [o.execPath, o.script, "worker", "start", ...o.args, "--", ...o.command].map(systemdQuote).join(" ");
  return `# Runyard agent as a systemd service (made by: runyard worker start --print-systemd-unit).
#
# 1. The agent's settings, readable by root only (systemd reads the file before dropping to User=):
#      sudo install -d -m 0700 ${o.envFile.replace(/\/[^/]*$/, "") || "/"}
#      sudo install -m 0600 /dev/null ${o.envFile}
#      sudoedit ${o.envFile}
#    with these lines:
#      RUNYARD_URL=${o.url ?? "http://runyard.example.com:3000"}
#      RUNYARD_TOKEN=<a worker token bound to this worker>${o.workerId ? `\n#      RUNYARD_WORKER_ID=${o.workerId}` : ""}
# 2. This file as /etc/systemd/system/runyard-agent.service, then:
#      sudo systemctl daemon-reload && sudo systemctl enable --now runyard-agent
#      journalctl -u runyard-agent -f
# Stopping drains: no new runs, running jobs finish (up to TimeoutStopSec, then they are killed
# and their runs go back to the queue).

[Unit]
Description=Runyard agent
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
User=${o.user}
WorkingDirectory=${o.workingDirectory}
EnvironmentFile=${o.envFile}
ExecStart=${exec}
Restart=on-failure
RestartSec=5
KillSignal=SIGTERM
KillMode=mixed
TimeoutStopSec=${o.stopTimeoutSeconds}
Environment=NO_COLOR=1

[Install]
WantedBy=multi-user.target
`;
}
