import { describe, expect, it } from "vitest";
import { retryDelayMs } from "@/lib/server/webhooks/backoff";

describe("webhook retry backoff", () => {
  it("doubles from the base with each attempt, up to an hour", () => {
    const middle = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 10_000, middle))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
    expect(retryDelayMs(9, 10_000, middle)).toBe(2_560_000);
    expect(retryDelayMs(10, 10_000, middle)).toBe(3_600_000);
    expect(retryDelayMs(1000, 10_000, middle)).toBe(3_600_000);
  });

  it("spreads retries by ±20 % so deliveries that failed together do not return together", () => {
    expect(retryDelayMs(3, 10_000, () => 0)).toBe(32_000);
    expect(retryDelayMs(3, 10_000, () => 0.999999)).toBe(48_000);
  });

  it("keeps a delivery retried for 24 hours with about thirty attempts at the default base", () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 86_400_000) elapsed += retryDelayMs(++attempts, 10_000, () => 0.5);
    expect(attempts).toBeGreaterThan(25);
    expect(attempts).toBeLessThan(35);
  });
});
