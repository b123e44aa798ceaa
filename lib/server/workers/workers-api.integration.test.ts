// POST/GET /api/v1/workers through the real route handlers and a real PostgreSQL.
import { describe, expect, it } from "vitest";
import { RunyardApiError } from "@/lib/client/errors";
import { newTeam, rawRequest, uniqueName } from "@/lib/testing/fixtures";

async function problemOf(promise: Promise<unknown>): Promise<RunyardApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RunyardApiError);
  return error as RunyardApiError;
}

describe("registering workers", () => {
  it("registers a worker with labels folded and sorted (201)", async () => {
    const { admin } = await newTeam();
    const name = uniqueName("gpu box");
    const worker = await admin.registerComputeWorker({ name, labels: ["gpu-A100", "gpu", "gpu", "machine1"] });
    expect(worker).toMatchObject({ name, labels: ["gpu", "gpu-A100", "machine1"], isDefault: false, state: "OFFLINE", maxConcurrency: 1, draining: false });
  });

  it("is idempotent on the name with the same labels (200, same worker)", async () => {
    const { admin, tokenFor } = await newTeam();
    const name = uniqueName("w");
    const first = await admin.registerComputeWorker({ name, labels: ["gpu", "cpu"] });
    const again = await rawRequest("POST", "/api/v1/workers", { token: await tokenFor("admin"), body: JSON.stringify({ name, labels: ["cpu", "gpu", "gpu"] }) });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.id);
  });

  it("refuses other labels for an existing name with 409: labels are immutable", async () => {
    const { admin } = await newTeam();
    const name = uniqueName("w");
    await admin.registerComputeWorker({ name, labels: ["gpu"] });
    const error = await problemOf(admin.registerComputeWorker({ name, labels: ["gpu", "aws_1"] }));
    expect(error.status).toBe(409);
    expect(error.problem.code).toBe("labels_immutable");
    expect(error.problem.detail).toMatch(/immutable.*register a new worker/);
  });

  it("converges concurrent registrations of one name on one worker", async () => {
    const { admin } = await newTeam();
    const name = uniqueName("race");
    const workers = await Promise.all(Array.from({ length: 8 }, () => admin.registerComputeWorker({ name, labels: ["x"] })));
    expect(new Set(workers.map((w) => w.id)).size).toBe(1);
  });

  it.each([
    [{ name: "ok-name", labels: ["gpu", "GPU A100"] }, "labels[1]", /"GPU A100"/],
    [{ name: "ok-name", labels: ["-x"] }, "labels[0]", /"-x"/],
    [{ name: "ok-name", labels: Array.from({ length: 33 }, (_, i) => `l${i}`) }, "labels", /at most 32/],
    [{ name: "x" }, "name", /3–64/],
    [{ name: "ok-name", labels: "gpu" }, "labels", /array/],
    [{ name: "ok-name", color: "red" }, "body", /unknown field\(s\): color/],
    [{ name: "ok-name", maxConcurrency: 0 }, "maxConcurrency", /./],
  ])("refuses %j with 400 naming %s", async (body, field, reason) => {
    const { tokenFor, admin } = await newTeam();
    const response = await rawRequest("POST", "/api/v1/workers", { token: await tokenFor("admin"), body: JSON.stringify(body) });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const param = response.body.invalidParams.find((p: { name: string }) => p.name === field);
    expect(param?.reason).toMatch(reason);
    expect((await admin.getComputeWorkers()).items).toEqual([]);
  });

  it("folds duplicates before counting: 40 labels that are 20 distinct are fine", async () => {
    const { admin } = await newTeam();
    const labels = Array.from({ length: 40 }, (_, i) => `l${i % 20}`);
    expect((await admin.registerComputeWorker({ name: uniqueName("w"), labels })).labels).toHaveLength(20);
  });

  it("answers malformed JSON, a non-JSON content type and an oversized body with clear 4xx", async () => {
    const { tokenFor } = await newTeam();
    const token = await tokenFor("admin");
    expect((await rawRequest("POST", "/api/v1/workers", { token, body: "{name:" })).body.code).toBe("malformed_json");
    const form = await rawRequest("POST", "/api/v1/workers", { token, body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);
    const huge = await rawRequest("POST", "/api/v1/workers", { token, body: JSON.stringify({ name: "x".repeat(600_000) }) });
    expect(huge.status).toBe(413);
  });
});

describe("listing workers", () => {
  it("lists only the caller's team, filtered by label, name and state, page by page", async () => {
    const team = await newTeam();
    const other = await newTeam();
    await other.admin.registerComputeWorker({ name: "other-team-gpu", labels: ["gpu"] });
    for (const [name, labels] of [["a-gpu-1", ["gpu", "gpu-A100"]], ["b-gpu-2", ["gpu"]], ["c-cpu-1", ["cpu"]], ["d-any", []]] as const) {
      await team.admin.registerComputeWorker({ name, labels: [...labels] });
    }
    const all = await team.admin.getComputeWorkers();
    expect(all.items.map((w) => w.name)).toEqual(["a-gpu-1", "b-gpu-2", "c-cpu-1", "d-any"]);
    expect((await team.admin.getComputeWorkers({ label: ["gpu"] })).items.map((w) => w.name)).toEqual(["a-gpu-1", "b-gpu-2"]);
    expect((await team.admin.getComputeWorkers({ q: "CPU" })).items.map((w) => w.name)).toEqual(["c-cpu-1"]);
    expect((await team.admin.getComputeWorkers({ state: ["IDLE"] })).items).toEqual([]);
    expect((await team.admin.getComputeWorkers({ state: ["OFFLINE"] })).items).toHaveLength(4);

    const first = await team.admin.getComputeWorkers({ limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await team.admin.getComputeWorkers({ limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((w) => w.name)).toEqual(["d-any"]);
    expect(second.nextCursor).toBeNull();
  });

  it("answers 404 for another team's worker and for ids that are not ids", async () => {
    const team = await newTeam();
    const other = await newTeam();
    const theirs = await other.admin.registerComputeWorker({ name: uniqueName("w") });
    expect((await problemOf(team.admin.getComputeWorkerById(theirs.id))).status).toBe(404);
    expect((await problemOf(team.admin.getComputeWorkerById("not-a-uuid"))).status).toBe(404);
  });

  it("refuses requests without a valid token", async () => {
    expect((await rawRequest("GET", "/api/v1/workers")).status).toBe(401);
    expect((await rawRequest("GET", "/api/v1/workers", { token: "ry_" + "x".repeat(40) })).status).toBe(401);
  });
});

describe("health", () => {
  it("reports the database as ok, without a token", async () => {
    const response = await rawRequest("GET", "/api/health");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "ok", database: "ok" });
  });
});
