import { describe, expect, it } from "vitest";
import { isProgressLine, withoutProgressLines } from "@/lib/domain/log-lines";

describe("progress lines", () => {
  it.each(["::progress 42", "::progress 42.5%", "::progress 100 "])("knows %j is a progress command", (line) => {
    expect(isProgressLine(line)).toBe(true);
  });
  it.each(["progress 42", "::progress", "::progress abc", " ::progress 5", "::message 42"])("leaves %j as output", (line) => {
    expect(isProgressLine(line)).toBe(false);
  });
  it("drops progress lines from a failure summary and keeps the rest in order", () => {
    expect(withoutProgressLines("exited with code 2\n::progress 50\nloading\n::progress 75\nboom")).toBe("exited with code 2\nloading\nboom");
  });
});
