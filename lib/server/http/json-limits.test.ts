import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, jsonValueProblem } from "@/lib/server/http/json-limits";

describe("JSON the server refuses before it reaches PostgreSQL (regressions found by the chaos fuzzer)", () => {
  it("names the field holding a NUL or a lone surrogate", () => {
    expect(jsonValueProblem({ name: "a\u0000b" })).toEqual({ name: "name", reason: expect.stringMatching(/NUL/) });
    expect(jsonValueProblem({ info: { hostname: "x\udfffy" } })).toEqual({ name: "info.hostname", reason: expect.stringMatching(/surrogates/) });
    expect(jsonValueProblem({ runsOn: ["gpu", "\ud800"] })).toEqual({ name: "runsOn[1]", reason: expect.stringMatching(/surrogates/) });
    expect(jsonValueProblem({ config: { "k\u0000": 1 } })?.name).toBe("config (a key)");
  });

  it("refuses JSON nested deeper than the limit without overflowing the stack", () => {
    const deep = JSON.parse("[".repeat(100_000) + "]".repeat(100_000));
    expect(jsonValueProblem({ config: { deep } })?.reason).toMatch(/nested more than 64/);
    let ok: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH - 2; i++) ok = [ok];
    expect(jsonValueProblem({ config: ok })).toBeUndefined();
  });

  it("accepts ordinary unicode: accents, emoji (paired surrogates), right-to-left marks", () => {
    expect(jsonValueProblem({ name: "é 💥 \u202e ǅ", lines: [{ line: "日本語" }] })).toBeUndefined();
  });
});
