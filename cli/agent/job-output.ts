// Reads a job's output line by line. Lines `::progress 42` and `::message text` (GitHub
// Actions style workflow commands) update the run; `::progress` lines are shown as progress
// only (not in the log, nor in the failure summary), `::message` lines also go to the log.
import { PROGRESS_LINE } from "@/lib/domain/log-lines";

export type OutputCommand = { kind: "progress"; value: number } | { kind: "message"; text: string };

export function parseCommand(line: string): OutputCommand | undefined {
  const progress = PROGRESS_LINE.exec(line);
  if (progress) return { kind: "progress", value: Math.max(0, Math.min(100, Math.round(Number(progress[1])))) };
  const message = /^::message\s+(\S.*)$/.exec(line);
  if (message) return { kind: "message", text: message[1]!.trim().slice(0, 4000) };
  return undefined;
}

/** Splits a byte stream into lines, keeping the unfinished tail until more arrives. */
export class LineSplitter {
  private tail = "";

  push(chunk: string): string[] {
    const text = this.tail + chunk;
    const lines = text.split(/\r?\n/);
    this.tail = lines.pop() ?? "";
    // A single enormous line (a progress bar without newlines) is cut, not buffered forever.
    if (this.tail.length > 16_000) {
      lines.push(this.tail.slice(0, 16_000));
      this.tail = "";
    }
    return lines;
  }

  flush(): string[] {
    const rest = this.tail;
    this.tail = "";
    return rest ? [rest] : [];
  }
}

/** Keeps the last lines of output for the FAILED message. */
export class LastLines {
  private readonly lines: string[] = [];
  constructor(private readonly keep = 8) {}

  push(line: string) {
    if (line.trim() === "") return;
    this.lines.push(line);
    if (this.lines.length > this.keep) this.lines.shift();
  }

  text(maxChars = 1500): string {
    const joined = this.lines.join("\n");
    return joined.length > maxChars ? `…${joined.slice(-maxChars)}` : joined;
  }
}
