// Strict JSON (issue 14, finding 8): a request that carries a body must say it is JSON —
// `Content-Type: application/json` (any case, parameters allowed, UTF-8 only) — or it is a 415
// that says what to send. A request without a body (Content-Length 0, e.g. drain) needs none.
import { describe, expect, it } from "vitest";
import { newTeam, rawRequest } from "@/lib/testing/fixtures";
import { inProcessFetch } from "@/lib/testing/in-process-fetch";

/** A POST whose Content-Type is exactly `type` (bytes, so fetch adds no text/plain of its own). */
async function post(path: string, token: string, body: string, type?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (type !== undefined) headers["content-type"] = type;
  const response = await inProcessFetch(`http://runyard.test${path}`, { method: "POST", headers, body: new TextEncoder().encode(body) });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe("request bodies must be declared as JSON", () => {
  it.each([
    ["no Content-Type at all", undefined],
    ["application/json-seq", "application/json-seq"],
    ["text/plain", "text/plain"],
    ["application/problem+json", "application/problem+json"],
    ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded"],
    ["JSON in another charset", "application/json; charset=iso-8859-1"],
  ])("%s → 415, and nothing is scheduled", async (_, type) => {
    const team = await newTeam();
    const response = await post("/api/v1/runs", await team.tokenFor("admin"), '{"name":"sneaky"}', type);
    expect(response.status).toBe(415);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.body).toMatchObject({ code: "unsupported_media_type", detail: expect.stringContaining("Content-Type: application/json") });
    expect((await team.admin.getComputeWorkerRuns()).items).toEqual([]);
  });

  it.each(["application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8"])("%s is JSON", async (type) => {
    const team = await newTeam();
    const response = await post("/api/v1/runs", await team.tokenFor("admin"), '{"name":"fine"}', type);
    expect(response.status).toBe(201);
  });

  it("a POST without a body (drain, resume, cancel) needs no Content-Type", async () => {
    const team = await newTeam();
    const token = await team.tokenFor("admin");
    const worker = await team.admin.registerComputeWorker({ name: "bodiless" });
    const drained = await rawRequest("POST", `/api/v1/workers/${worker.id}/drain`, { token, headers: { "content-length": "0" } });
    expect(drained.status).toBe(200);
    expect(drained.body.draining).toBe(true);
    // The typed client always sends {} with application/json; that keeps working too.
    expect((await team.admin.resumeComputeWorker(worker.id)).draining).toBe(false);
  });
});
