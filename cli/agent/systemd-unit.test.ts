import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { systemdQuote, systemdUnit } from "@/cli/agent/systemd-unit";

const unit = (command: string[]) =>
  systemdUnit({
    execPath: process.execPath, script: "/opt/runyard/runyard-agent.mjs", args: ["--name", "gpu box"], command, user: "alice", workingDirectory: "/home/alice/ml",
    envFile: "/etc/runyard/agent.env", stopTimeoutSeconds: 3600, url: "https://runyard.example.com", workerId: "0f3c9a12-7b1e-4c2d-9e8f-0123456789ab",
  });

describe("the systemd unit", () => {
  it("keeps the token out of the unit: it is in a 0600 EnvironmentFile the instructions make", () => {
    const text = unit(["python", "train.py"]);
    expect(text).toContain("EnvironmentFile=/etc/runyard/agent.env");
    expect(text).toContain("sudo install -m 0600 /dev/null /etc/runyard/agent.env");
    expect(text).toContain("#      RUNYARD_TOKEN=<a worker token bound to this worker>");
    expect(text).toContain("#      RUNYARD_WORKER_ID=0f3c9a12-7b1e-4c2d-9e8f-0123456789ab");
    expect(text).not.toMatch(/ry_[A-Za-z0-9_-]{40}/);
  });

  it("restarts on failure and drains on stop: SIGTERM to the agent only, with time to finish jobs", () => {
    const text = unit(["python", "train.py"]);
    for (const line of ["Restart=on-failure", "KillSignal=SIGTERM", "KillMode=mixed", "TimeoutStopSec=3600", "User=alice", "WorkingDirectory=/home/alice/ml", "WantedBy=multi-user.target"]) {
      expect(text).toContain(`\n${line}\n`);
    }
    expect(text).toContain(`\nExecStart=${process.execPath} /opt/runyard/runyard-agent.mjs worker start --name "gpu box" -- python train.py\n`);
  });

  it("escapes what systemd would expand or split", () => {
    expect(systemdQuote("train.py")).toBe("train.py");
    expect(systemdQuote("my run")).toBe('"my run"');
    expect(systemdQuote("50%")).toBe("50%%");
    expect(systemdQuote("$HOME")).toBe("$$HOME");
    expect(systemdQuote('say "hi"')).toBe('"say \\"hi\\""');
    expect(systemdQuote(";")).toBe("\\;");
    expect(systemdQuote("")).toBe('""');
  });

  // systemd's own parser (systemd-analyze, from Debian's systemd package; no running systemd needed).
  it("passes systemd-analyze verify, with a command full of quotes, $ and %", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "runyard-unit-"));
    writeFileSync(path.join(dir, "agent.env"), "RUNYARD_URL=http://x\n");
    const script = path.join(dir, "runyard-agent.mjs");
    writeFileSync(script, "");
    const file = path.join(dir, "runyard-agent.service");
    writeFileSync(file, systemdUnit({
      execPath: process.execPath, script, args: ["--labels", "gpu"], command: ["sh", "-c", "echo $HOME 50% done; true"], user: os.userInfo().username,
      workingDirectory: dir, envFile: path.join(dir, "agent.env"), stopTimeoutSeconds: 3600,
    }));
    const result = spawnSync("systemd-analyze", ["verify", file], { encoding: "utf8" });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: "", stderr: "" });
  });
});
