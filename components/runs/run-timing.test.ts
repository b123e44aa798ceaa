import { describe, expect, it } from "vitest";
import { attemptText } from "@/components/runs/run-timing";

describe("attemptText", () => {
  it("does not promise retries for a failed run: failures are final", () => {
    expect(attemptText({ state: "FAILED", attempt: 1, maxAttempts: 3 })).toBe("1 · failures are not retried");
  });
  it("says what the maximum is about while the run can still be re-queued", () => {
    expect(attemptText({ state: "RUNNING", attempt: 2, maxAttempts: 3 })).toBe("2 of 3 if its worker is lost");
    expect(attemptText({ state: "COMPLETED", attempt: 1, maxAttempts: 3 })).toBe("1");
    expect(attemptText({ state: "OPEN", attempt: 0, maxAttempts: 3 })).toBe("not started");
  });
});
