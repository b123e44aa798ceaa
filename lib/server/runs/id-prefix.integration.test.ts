// Short ids: runs and workers can be found by the start of their id (the CLI resolves the
// 8-character ids it prints this way), within the caller's team only.
import { describe, expect, it } from "vitest";
import { newTeam, rawRequest } from "@/lib/testing/fixtures";
import { teamWithWorkers } from "@/lib/testing/scenario";

describe("idPrefix", () => {
  it("finds a run by its first 8 characters, in any case and with dashes, and nothing of another team", async () => {
    const team = await newTeam();
    const runs = [];
    for (let i = 0; i < 12; i++) runs.push(await team.admin.scheduleComputeWorkerRun({ name: `r${i}` }));
    const target = runs[7]!;
    expect((await team.admin.getComputeWorkerRuns({ idPrefix: target.id.slice(0, 8) })).items.map((r) => r.id)).toEqual([target.id]);
    expect((await team.admin.getComputeWorkerRuns({ idPrefix: target.id.slice(0, 13).toUpperCase() })).items.map((r) => r.id)).toEqual([target.id]);
    expect((await team.admin.getComputeWorkerRuns({ idPrefix: target.id })).items.map((r) => r.id)).toEqual([target.id]);
    const stranger = await newTeam();
    expect((await stranger.admin.getComputeWorkerRuns({ idPrefix: target.id.slice(0, 8) })).items).toEqual([]);
  });

  it("answers every run when the prefix is shared, so the caller can say it is ambiguous", async () => {
    const team = await newTeam();
    const runs = [];
    for (let i = 0; i < 40; i++) runs.push(await team.admin.scheduleComputeWorkerRun({}));
    const first = runs[0]!.id[0]!;
    const sharing = runs.filter((r) => r.id.startsWith(first)).map((r) => r.id).sort();
    const found = (await team.admin.getComputeWorkerRuns({ idPrefix: first, limit: 100 })).items.map((r) => r.id).sort();
    expect(found).toEqual(sharing);
  });

  it("finds a worker by the start of its id", async () => {
    const { admin, workers } = await teamWithWorkers([{ labels: ["a"] }, { labels: ["b"] }]);
    const found = await admin.getComputeWorkers({ idPrefix: workers[1]!.id.slice(0, 8) });
    expect(found.items.map((w) => w.name)).toEqual([workers[1]!.name]);
  });

  it("refuses a prefix that cannot start an id (400 naming idPrefix)", async () => {
    const team = await newTeam();
    for (const bad of ["xyz", "-", "0f3c9a12-7b1e-4c2d-9e8f-0123456789abcd"]) {
      const response = await rawRequest("GET", `/api/v1/runs?idPrefix=${encodeURIComponent(bad)}`, { token: await team.tokenFor("admin") });
      expect(response.status).toBe(400);
      expect(response.body.invalidParams[0].name).toBe("idPrefix");
    }
  });
});
