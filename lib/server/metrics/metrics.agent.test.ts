// Two real app instances (the built app, `next start`) on one database: Prometheus may scrape
// either or both, and the queue, fleet and finished-run series must not depend on which.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { RunyardClient } from "@/lib/client/runyard-client";
import { createToken } from "@/lib/server/auth/tokens";
import { ensureTeam } from "@/lib/server/teams/ensure-team";
import { startAppServer, type AppServer } from "@/lib/testing/app-server";
import { uniqueName } from "@/lib/testing/fixtures";
import { seedMetricsFleet } from "@/lib/testing/metrics-fleet";
import { databaseSeries, parseScrape, valueOf } from "@/lib/testing/prometheus-scrape";

let servers: AppServer[] = [];
let teamName: string;
let token: string;

beforeAll(async () => {
  const databaseUrl = inject("databaseUrl");
  servers = await Promise.all([startAppServer({ databaseUrl }), startAppServer({ databaseUrl })]);
  teamName = uniqueName("scraped");
  const teamId = await ensureTeam(teamName);
  await seedMetricsFleet(teamId);
  token = (await createToken({ teamId, scope: "metrics", name: "prometheus" })).secret;
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe("scraping several app instances", () => {
  it("gives the same queue, fleet and finished-run series from each instance", async () => {
    const clients = servers.map((s) => new RunyardClient({ baseUrl: s.url, token }));
    const started = Date.now();
    const [a, b] = await Promise.all(clients.map(async (c) => parseScrape(await c.getMetrics())));
    const spread = (Date.now() - started) / 1000;
    const fromA = databaseSeries(a!, { withoutAges: true });
    expect(fromA.length).toBeGreaterThan(200);
    expect(databaseSeries(b!, { withoutAges: true })).toEqual(fromA);
    for (const runsOn of ["gpu", "gpu,gpu-A100", "cpu", ""]) {
      const labels = { team: teamName, runs_on: runsOn };
      expect(Math.abs(valueOf(a!, "runyard_queue_oldest_age_seconds", labels) - valueOf(b!, "runyard_queue_oldest_age_seconds", labels))).toBeLessThanOrEqual(spread + 1);
    }
    expect(valueOf(a!, "runyard_runs_queued", { team: teamName, runs_on: "gpu" })).toBe(1200);
  });

  it("answers Prometheus's scrape request over HTTP: text format, 401 problem+json without the token", async () => {
    const response = await fetch(`${servers[0]!.url}/metrics`, { headers: { authorization: `Bearer ${token}`, accept: "text/plain;version=0.0.4;q=1,*/*;q=0.1" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(await response.text()).toContain(`runyard_runs_queued{team="${teamName}",runs_on="gpu"} 1200`);
    const anonymous = await fetch(`${servers[1]!.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    const posted = await fetch(`${servers[1]!.url}/metrics`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(posted.status).toBe(405);
    expect(posted.headers.get("content-type")).toContain("application/problem+json");
    expect(posted.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
});
