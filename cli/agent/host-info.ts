// What the agent tells the server about its machine (shown on My Workers).
import { execFileSync } from "node:child_process";
import os from "node:os";
import type { AgentInfo } from "@/lib/contract/workers";
import { CLI_VERSION } from "@/cli/version";

function gpuModel(): string | null {
  try {
    const out = execFileSync("nvidia-smi", ["--query-gpu=name", "--format=csv,noheader"], { encoding: "utf8", timeout: 2000, stdio: ["ignore", "pipe", "ignore"] });
    const names = out.split("\n").map((l) => l.trim()).filter(Boolean);
    return names.length ? `${names.length}× ${names[0]}` : null;
  } catch {
    return null;
  }
}

export function hostInfo(): AgentInfo {
  return {
    version: CLI_VERSION,
    hostname: os.hostname().slice(0, 255),
    facts: {
      os: `${os.platform()} ${os.release()}`.slice(0, 512),
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      gpu: gpuModel(),
      node: process.version,
    },
  };
}
