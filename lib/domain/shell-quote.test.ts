import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellCommand, shellQuote } from "@/lib/domain/shell-quote";

describe("shell quoting of echoed commands", () => {
  it("leaves plain words alone and quotes the rest", () => {
    expect(shellCommand(["python", "train.py", "--lr=0.1", "data/x.csv"])).toBe("python train.py --lr=0.1 data/x.csv");
    expect(shellQuote("my run")).toBe("'my run'");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("$HOME")).toBe("'$HOME'");
  });

  it("round-trips through a real shell", () => {
    const args = ["a b", "it's", '"q"', "$HOME", "`x`", "*", "", "tab\there", "new\nline", "ünï"];
    const echoed = execFileSync("/bin/sh", ["-c", `printf '%s\\0' ${shellCommand(args)}`], { encoding: "utf8" });
    expect(echoed.split("\0").slice(0, -1)).toEqual(args);
  });
});
