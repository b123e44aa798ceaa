import { describe, expect, it } from "vitest";
import { safeNext } from "@/lib/domain/safe-next";

describe("safeNext", () => {
  it("keeps a path on this site", () => {
    expect(safeNext("/invite/abc_DEF-123")).toBe("/invite/abc_DEF-123");
    expect(safeNext("/runs?state=OPEN")).toBe("/runs?state=OPEN");
  });

  it.each([undefined, "", "https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "/a\nb", ["/a", "/b"], `/${"x".repeat(600)}`])(
    "refuses %j and falls back to /",
    (next) => expect(safeNext(next as string | string[] | undefined)).toBe("/"),
  );
});
