import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("environment", () => {
  it("has the documented defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, RUNYARD_DATA_DIR: ".data", RUNYARD_LEASE_S: 15, RUNYARD_WORKER_OFFLINE_AFTER_S: 15 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => parseEnv({ RUNYARD_LEASE_S: "0" })).toThrow(/RUNYARD_LEASE_S/);
  });

  it("has the integrations' defaults, and a boolean switch for private webhook targets", () => {
    expect(parseEnv({})).toMatchObject({ RUNYARD_METRICS_MAX_LABEL_SETS: 50, RUNYARD_WEBHOOK_ALLOW_PRIVATE: false, RUNYARD_WEBHOOK_TIMEOUT_MS: 10_000 });
    expect(parseEnv({ RUNYARD_WEBHOOK_ALLOW_PRIVATE: "1" }).RUNYARD_WEBHOOK_ALLOW_PRIVATE).toBe(true);
    expect(parseEnv({ RUNYARD_WEBHOOK_ALLOW_PRIVATE: "0" }).RUNYARD_WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(() => parseEnv({ RUNYARD_WEBHOOK_ALLOW_PRIVATE: "yes" })).toThrow(/RUNYARD_WEBHOOK_ALLOW_PRIVATE must be 1 or 0/);
  });

  it("accepts postgres:// and postgresql:// URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u@h:5432/db" }).DATABASE_URL).toBe("postgres://u@h:5432/db");
    expect(parseEnv({ DATABASE_URL: "postgresql://127.0.0.1/test" }).DATABASE_URL).toBeDefined();
  });
});

describe("public address and trusted proxies", () => {
  it("keeps RUNYARD_PUBLIC_URL as an origin and refuses a path or another scheme", () => {
    expect(parseEnv({ RUNYARD_PUBLIC_URL: "https://runyard.example.com/" }).RUNYARD_PUBLIC_URL).toBe("https://runyard.example.com");
    expect(parseEnv({ RUNYARD_PUBLIC_URL: "http://runyard.test:3000" }).RUNYARD_PUBLIC_URL).toBe("http://runyard.test:3000");
    expect(() => parseEnv({ RUNYARD_PUBLIC_URL: "https://runyard.example.com/app" })).toThrow(/RUNYARD_PUBLIC_URL must be an origin/);
    expect(() => parseEnv({ RUNYARD_PUBLIC_URL: "ftp://runyard.example.com" })).toThrow(/RUNYARD_PUBLIC_URL/);
  });

  it("trusts loopback proxies by default and names a bad RUNYARD_TRUSTED_PROXIES entry", () => {
    expect(parseEnv({}).RUNYARD_TRUSTED_PROXIES).toBe("loopback");
    expect(() => parseEnv({ RUNYARD_TRUSTED_PROXIES: "10.0.0.0/8, lb.internal" })).toThrow(/RUNYARD_TRUSTED_PROXIES "lb\.internal"/);
  });
});
