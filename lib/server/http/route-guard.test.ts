import { describe, expect, it } from "vitest";
import { guardApiRequest } from "@/lib/server/http/route-guard";

describe("the /api route guard (regressions found by the chaos fuzzer)", () => {
  it("refuses a path that cannot be percent-decoded with a 400 naming the path", () => {
    for (const path of ["/api/v1/runs/%ZZ", "/api/v1/runs/%E0%A4%A/logs", "/api/v1/workers/%/claim", "/api/%ZZ"]) {
      const refused = guardApiRequest("GET", path);
      expect(refused?.error.status, path).toBe(400);
      expect(refused?.error.invalidParams?.[0]?.name).toBe("path");
    }
  });

  it("answers a method the route does not have with 405 and the allowed methods", () => {
    expect(guardApiRequest("PUT", "/api/v1/runs/abc/logs")).toMatchObject({ error: { status: 405 }, allow: "POST, OPTIONS, GET, HEAD" });
    expect(guardApiRequest("POST", "/api/health")?.allow).toBe("GET, HEAD, OPTIONS");
    // /workers/default is its own route (POST only), not /workers/{id} (GET, DELETE).
    expect(guardApiRequest("DELETE", "/api/v1/workers/default")?.allow).toBe("POST, OPTIONS");
    expect(guardApiRequest("DELETE", "/api/v1/workers/5b7f0d1e-0000-4000-8000-000000000000")).toBeUndefined();
    // /metrics lives outside /api and is guarded all the same.
    expect(guardApiRequest("POST", "/metrics")).toMatchObject({ error: { status: 405 }, allow: "GET, HEAD, OPTIONS" });
    expect(guardApiRequest("GET", "/metrics")).toBeUndefined();
  });

  it("lets allowed methods, unknown /api paths, auth routes and pages through", () => {
    expect(guardApiRequest("GET", "/api/v1/runs")).toBeUndefined();
    expect(guardApiRequest("HEAD", "/api/v1/runs")).toBeUndefined();
    expect(guardApiRequest("OPTIONS", "/api/v1/runs")).toBeUndefined();
    expect(guardApiRequest("PUT", "/api/v1/nope")).toBeUndefined();
    expect(guardApiRequest("PUT", "/api/auth/sign-in/%ZZ")).toBeUndefined();
    expect(guardApiRequest("PUT", "/runs/%ZZ")).toBeUndefined();
  });
});
