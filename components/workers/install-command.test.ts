// The register dialog's install commands, run for real by a shell against a local file server.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jobCommandArgs, serviceCommand, tryItCommand, TOKEN_PLACEHOLDER } from "@/components/workers/install-command";

const base = { origin: "http://runyard.internal:3000", sha256: "ab".repeat(32), workerId: "0f3c9a12-7b1e-4c2d-9e8f-0123456789ab", maxConcurrency: 1, token: "ry_secret", jobCommand: "python train.py --name 'my run'" };

describe("the one-line install", () => {
  it("downloads, checks the pinned sha256 and starts the worker, each step only if the last worked", () => {
    expect(tryItCommand(base)).toBe([
      "curl -fsSLo runyard-agent.mjs http://runyard.internal:3000/downloads/runyard-agent.mjs && \\",
      `echo "${"ab".repeat(32)}  runyard-agent.mjs" | sha256sum -c - && \\`,
      "RUNYARD_URL=http://runyard.internal:3000 RUNYARD_TOKEN=ry_secret RUNYARD_WORKER_ID=0f3c9a12-7b1e-4c2d-9e8f-0123456789ab \\",
      "  node runyard-agent.mjs worker start -- python train.py --name 'my run'",
    ].join("\n"));
  });

  it("asks for --concurrency when the worker takes several runs, and shows placeholders when it must", () => {
    const command = tryItCommand({ ...base, maxConcurrency: 4, token: null, jobCommand: " " });
    expect(command).toContain("worker start --concurrency 4 -- <your command>");
    expect(command).toContain(`RUNYARD_TOKEN='${TOKEN_PLACEHOLDER}'`);
  });

  it("runs a command that needs a shell for each run through sh -c, so $RUNYARD_RUN_CONFIG is the run's", () => {
    expect(jobCommandArgs("python train.py --name 'my run'")).toBe("python train.py --name 'my run'");
    expect(jobCommandArgs('python train.py --config "$RUNYARD_RUN_CONFIG"')).toBe(`sh -c 'python train.py --config "$RUNYARD_RUN_CONFIG"'`);
    expect(jobCommandArgs("make data && make train")).toBe("sh -c 'make data && make train'");
  });

  it("checks against the published .sha256 when the page has no hash", () => {
    expect(tryItCommand({ ...base, sha256: null })).toContain("curl -fsSLo runyard-agent.mjs.sha256 http://runyard.internal:3000/downloads/runyard-agent.mjs.sha256 && \\\n(cd . && sha256sum -c runyard-agent.mjs.sha256)");
  });

  it("as a service: the settings in a 0600 file, the unit from the agent, enabled at once", () => {
    const command = serviceCommand(base);
    expect(command).toContain(`printf '%s\\n' RUNYARD_URL=http://runyard.internal:3000 RUNYARD_TOKEN=ry_secret RUNYARD_WORKER_ID=${base.workerId} | sudo install -m 0600 /dev/stdin /etc/runyard/agent.env`);
    expect(command).toContain("node /opt/runyard/runyard-agent.mjs worker start --print-systemd-unit -- python train.py --name 'my run' | sudo tee /etc/systemd/system/runyard-agent.service");
    expect(command.endsWith("sudo systemctl enable --now runyard-agent")).toBe(true);
  });

  it("runs in a real shell: a tampered download stops before the agent starts", async () => {
    const agent = Buffer.from('console.log("agent started", process.argv.slice(2).join(" "))');
    const sha256 = createHash("sha256").update(agent).digest("hex");
    const server = createServer((request, response) => response.end(request.url?.endsWith(".sha256") ? `${sha256}  runyard-agent.mjs\n` : agent));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      // Asynchronously: the file server answers from this same process.
      const run = (command: string) =>
        new Promise<{ ok: boolean; out: string }>((resolve) => {
          const dir = mkdtempSync(path.join(os.tmpdir(), "runyard-install-"));
          execFile("/bin/sh", ["-c", command], { cwd: dir, encoding: "utf8" }, (error, stdout) => resolve({ ok: !error, out: stdout }));
        });
      const good = await run(tryItCommand({ ...base, origin, sha256, jobCommand: 'echo "$RUNYARD_RUN_ID"' }));
      expect(good).toEqual({ ok: true, out: 'runyard-agent.mjs: OK\nagent started worker start -- sh -c echo "$RUNYARD_RUN_ID"\n' });
      expect((await run(tryItCommand({ ...base, origin, sha256: null, jobCommand: "echo hi" }))).out).toContain("agent started");
      const tampered = await run(tryItCommand({ ...base, origin, sha256: "00".repeat(32), jobCommand: "echo hi" }));
      expect(tampered.ok).toBe(false);
      expect(tampered.out).not.toContain("agent started");
    } finally {
      server.close();
    }
  });
});
