import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/server/errors";
import { problemResponse, toAppError } from "@/lib/server/http/problem";

describe("problem+json", () => {
  it("maps an AppError's code to its status, with a stable code and the request id", async () => {
    const response = problemResponse(new AppError("labels_immutable", "labels are immutable"), "req-1", "/api/v1/workers");
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ code: "labels_immutable", status: 409, detail: "labels are immutable", requestId: "req-1" });
  });

  it("turns zod issues into 400 with invalidParams naming each field", () => {
    const parsed = z.object({ labels: z.array(z.string().min(2)) }).safeParse({ labels: ["ok", "x"] });
    const error = toAppError(parsed.error);
    expect(error.code).toBe("validation_failed");
    expect(error.invalidParams?.[0]?.name).toBe("labels[1]");
  });

  it("maps a unique violation to 409 and a lost database to 503 with Retry-After", () => {
    expect(toAppError(Object.assign(new Error("dup"), { code: "23505" })).code).toBe("conflict");
    const outage = problemResponse(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), "r");
    expect(outage.status).toBe(503);
    expect(outage.headers.get("retry-after")).toBe("2");
  });

  it("answers anything unexpected with a 500 that leaks nothing", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = problemResponse(new Error("secret: password=hunter2"), "req-9");
    const body = await response.json();
    expect(response.status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(body.detail).toContain("req-9");
    spy.mockRestore();
  });
});
