import { describe, expect, it } from "vitest";
import { backoffDelay } from "@/cli/agent/backoff";
import { LastLines, LineSplitter, parseCommand } from "@/cli/agent/job-output";

describe("job output commands", () => {
  it.each([
    ["::progress 42", { kind: "progress", value: 42 }],
    ["::progress 42.6%", { kind: "progress", value: 43 }],
    ["::progress 250", { kind: "progress", value: 100 }],
    ["::message epoch 3/7 loss=0.12", { kind: "message", text: "epoch 3/7 loss=0.12" }],
  ])("reads %j", (line, command) => {
    expect(parseCommand(line)).toEqual(command);
  });

  it.each(["progress 42", "::progress", "::progress abc", " ::progress 5", "::message   "])("leaves %j as plain output", (line) => {
    expect(parseCommand(line)).toBeUndefined();
  });
});

describe("line splitting", () => {
  it("joins lines split across chunks and keeps the unfinished tail", () => {
    const splitter = new LineSplitter();
    expect(splitter.push("one\ntw")).toEqual(["one"]);
    expect(splitter.push("o\r\nthree")).toEqual(["two"]);
    expect(splitter.flush()).toEqual(["three"]);
    expect(splitter.flush()).toEqual([]);
  });

  it("cuts a line that never ends instead of buffering it forever", () => {
    const splitter = new LineSplitter();
    expect(splitter.push("x".repeat(20_000))[0]).toHaveLength(16_000);
  });

  it("keeps the last non-empty lines for a failure message", () => {
    const last = new LastLines(2);
    for (const line of ["a", "", "b", "c"]) last.push(line);
    expect(last.text()).toBe("b\nc");
  });
});

describe("backoff", () => {
  it("grows exponentially with jitter and is capped", () => {
    expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
  });
});
