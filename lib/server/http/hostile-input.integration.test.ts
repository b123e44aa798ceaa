// Regressions for what the chaos fuzzer (chaos/fuzz.chaos.test.ts) found: inputs that reached
// PostgreSQL and came back as 500s. Each is now a 400 problem+json that names the field.
import { describe, expect, it } from "vitest";
import { newTeam, rawRequest } from "@/lib/testing/fixtures";

async function heldRun() {
  const team = await newTeam();
  const worker = await team.admin.registerComputeWorker({ name: "hostile-box", labels: ["gpu"] });
  const run = await team.admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] });
  const claimed = await (await team.client("worker")).claimComputeWorkerRuns(worker.id);
  return { ...team, worker, run, leaseToken: claimed.runs[0]!.leaseToken };
}

function expectBadRequest(response: { status: number; headers: Headers; body: { invalidParams?: { name: string }[] } }, field: string) {
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.body.invalidParams?.map((p) => p.name)).toContain(field);
}

describe("hostile input is a 400, never a 500", () => {
  it("a lone UTF-16 surrogate in a heartbeat's hostname, a run's name or a log line", async () => {
    const { tokenFor, worker, run, leaseToken } = await heldRun();
    const token = await tokenFor("admin");
    expectBadRequest(await rawRequest("POST", `/api/v1/workers/${worker.id}/heartbeat`, { token, body: '{"info":{"hostname":"x\\udfffy"}}' }), "info.hostname");
    expectBadRequest(await rawRequest("POST", "/api/v1/runs", { token, body: '{"name":"\\ud800"}' }), "name");
    expectBadRequest(await rawRequest("POST", `/api/v1/runs/${run.id}/logs`, { token, body: `{"leaseToken":${leaseToken},"lines":[{"line":"a\\u0000b"}]}` }), "lines[0].line");
    expectBadRequest(await rawRequest("GET", "/api/v1/runs?q=a%00b", { token }), "q");
  });

  it("JSON nested 10,000 levels deep", async () => {
    const { tokenFor } = await newTeam();
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    const response = await rawRequest("POST", "/api/v1/runs", { token: await tokenFor("admin"), body: `{"config":{"deep":${deep}}}` });
    expectBadRequest(response, "config.deep" + "[0]".repeat(62));
  });

  it("lease tokens beyond PostgreSQL's integer range in reports, log appends and heartbeats", async () => {
    const { tokenFor, worker, run } = await heldRun();
    const token = await tokenFor("admin");
    expectBadRequest(await rawRequest("POST", `/api/v1/runs/${run.id}/events`, { token, body: '{"leaseToken":2147483648,"state":"RUNNING"}' }), "leaseToken");
    expectBadRequest(await rawRequest("POST", `/api/v1/runs/${run.id}/logs`, { token, body: '{"leaseToken":1e20,"lines":[{"line":"x"}]}' }), "leaseToken");
    expectBadRequest(await rawRequest("POST", `/api/v1/workers/${worker.id}/heartbeat`, { token, body: `{"runs":[{"id":"${run.id}","leaseToken":2147483648}]}` }), "runs[0].leaseToken");
  });

  it("forged pagination and log cursors", async () => {
    const { tokenFor, run } = await heldRun();
    const token = await tokenFor("admin");
    const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString("base64url");
    expectBadRequest(await rawRequest("GET", `/api/v1/workers?cursor=${forged(["x", 1e30])}`, { token }), "cursor");
    expectBadRequest(await rawRequest("GET", `/api/v1/workers?cursor=${forged(["2026-01-01", "1"])}`, { token }), "cursor");
    expectBadRequest(await rawRequest("GET", `/api/v1/runs?cursor=${forged(["2026-01-01", 1])}`, { token }), "cursor");
    expectBadRequest(await rawRequest("GET", `/api/v1/runs?cursor=${forged(["not a date", "00000000-0000-0000-0000-000000000000"])}`, { token }), "cursor");
    expectBadRequest(await rawRequest("GET", "/api/v1/audit?cursor=9999999999999999999", { token }), "cursor");
    for (const cursor of ["9999999999999999999", "garbage", "!!!"]) {
      expectBadRequest(await rawRequest("GET", `/api/v1/runs/${run.id}/logs?cursor=${cursor}`, { token }), "cursor");
      expectBadRequest(await rawRequest("GET", `/api/v1/audit?cursor=${cursor}`, { token }), "cursor");
    }
  });
});
