import { describe, expect, it } from "vitest";
import { compareVersions, isOlderVersion } from "@/lib/domain/versions";

describe("versions", () => {
  it("orders releases by major, minor and patch as numbers, not text", () => {
    expect(compareVersions("0.9.0", "0.10.0")).toBeLessThan(0);
    expect(compareVersions("1.2.10", "1.2.9")).toBeGreaterThan(0);
    expect(compareVersions("2.0.0", "10.0.0")).toBeLessThan(0);
    expect(compareVersions("1.2.3", "v1.2.3")).toBe(0);
  });

  it("puts a pre-release before its release", () => {
    expect(compareVersions("1.2.0-rc.1", "1.2.0")).toBeLessThan(0);
    expect(compareVersions("1.2.0", "1.2.0-rc.1")).toBeGreaterThan(0);
    expect(compareVersions("1.2.0-rc.1", "1.2.0-rc.2")).toBeLessThan(0);
  });

  it("flags an agent older than the server, never an unknown or unparseable one", () => {
    expect(isOlderVersion("0.1.0", "0.2.0")).toBe(true);
    expect(isOlderVersion("0.2.0", "0.2.0")).toBe(false);
    expect(isOlderVersion("0.3.0", "0.2.0")).toBe(false);
    expect(isOlderVersion(null, "0.2.0")).toBe(false);
    expect(isOlderVersion("custom-build", "0.2.0")).toBe(false);
  });
});
