// On a terminal: one live status line under the log. Elsewhere: plain timestamped lines.
import type { Agent } from "@/cli/agent/agent";
import { labelsText } from "@/cli/output";

export class Console {
  private agent: Agent | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly tty = Boolean(process.stdout.isTTY);

  log = (line: string) => {
    const stamped = `[${new Date().toISOString().slice(11, 19)}] ${line}`;
    if (this.tty) process.stdout.write(`\r\x1b[K${stamped}\n${this.status()}`);
    else process.stdout.write(`${stamped}\n`);
  };

  attach(agent: Agent) {
    this.agent = agent;
    if (!this.tty) return;
    this.timer = setInterval(() => process.stdout.write(`\r\x1b[K${this.status()}`), 1000);
    this.timer.unref();
  }

  detach() {
    clearInterval(this.timer);
    if (this.tty) process.stdout.write("\r\x1b[K");
  }

  private status(): string {
    const agent = this.agent;
    if (!agent) return "";
    const { workerName, labels, concurrency } = agent.options;
    const state = agent.apiDown ? "\x1b[31mAPI UNREACHABLE\x1b[0m" : agent.isStopping ? "\x1b[33mSTOPPING\x1b[0m" : agent.draining ? "\x1b[33mDRAINING\x1b[0m" : agent.jobs.size ? "\x1b[36mBUSY\x1b[0m" : "\x1b[32mIDLE\x1b[0m";
    const jobs = [...agent.jobs.values()].map((job) => `${job.label} ${job.progress}%`).join(", ");
    return `● ${workerName} [${labelsText(labels)}] ${state} ${agent.jobs.size}/${concurrency}${jobs ? `: ${jobs}` : ""} · ${agent.completed} done, ${agent.failed} failed`;
  }
}
