// (7) Dashboard: server response time of /workers and /runs (server-rendered pages, full body
// received) for a signed-in user of a team with 10k workers and 100k runs.
import { pool } from "@/lib/db/pool";
import { getAuth } from "@/lib/server/accounts/auth";
import { cookiesOf } from "@/lib/testing/sessions";
import { labelSets, settle } from "../lib/seed";
import { percentile, round } from "../lib/stats";
import type { BenchContext, Check, Scenario } from "../lib/types";
import { LABEL_SETS, WORKER_KINDS } from "./throughput";

async function seedTeam(ctx: BenchContext, teamId: string, workers: number, runs: number) {
  await ctx.db.query(
    `INSERT INTO workers (team_id, name, labels, last_seen_at, created_at)
     SELECT $1, 'dash-' || g, ($2::jsonb ->> (g % jsonb_array_length($2::jsonb)))::text[],
            now() - make_interval(secs => g % 120), now() - make_interval(secs => g)
       FROM generate_series(1, $3::int) g`,
    [teamId, JSON.stringify(WORKER_KINDS.map((k) => `{${k.join(",")}}`)), workers],
  );
  const sets = await labelSets(ctx.db, teamId, LABEL_SETS);
  // 70% COMPLETED, 20% OPEN, 10% FAILED, newest first in the list.
  await ctx.db.query(
    `WITH sets AS (SELECT id, labels, (row_number() OVER (ORDER BY array_position($2::bigint[], id)) - 1)::int AS i FROM label_sets WHERE id = ANY($2::bigint[])),
          ws AS (SELECT array_agg(id) AS ids FROM workers WHERE team_id = $1)
     INSERT INTO runs (team_id, label_set_id, runs_on, name, priority, state, attempt, worker_id, progress, created_at, claimed_at, started_at, finished_at)
     SELECT $1, s.id, s.labels, 'dash-run-' || g, (ARRAY['LOW','MID','HIGH','CRITICAL'])[1 + g % 4]::"RunPriority",
            st::"RunState", CASE WHEN st = 'OPEN' THEN 0 ELSE 1 END,
            CASE WHEN st = 'OPEN' THEN NULL ELSE ws.ids[1 + g % cardinality(ws.ids)] END,
            CASE WHEN st = 'COMPLETED' THEN 100 ELSE 0 END,
            now() - make_interval(secs => g), CASE WHEN st = 'OPEN' THEN NULL ELSE now() - make_interval(secs => g) + interval '2 s' END,
            CASE WHEN st = 'OPEN' THEN NULL ELSE now() - make_interval(secs => g) + interval '3 s' END,
            CASE WHEN st = 'OPEN' THEN NULL ELSE now() - make_interval(secs => g) + interval '60 s' END
       FROM generate_series(1, $3::int) g
       CROSS JOIN ws
       JOIN sets s ON s.i = g % 8
       CROSS JOIN LATERAL (SELECT CASE WHEN g % 10 < 7 THEN 'COMPLETED' WHEN g % 10 < 9 THEN 'OPEN' ELSE 'FAILED' END AS st) x`,
    [teamId, sets, runs],
  );
  await ctx.db.query("VACUUM (ANALYZE) workers");
  await settle(ctx.db);
}

/** A member of the team, signed in through Better Auth's endpoint as a browser would. */
export async function signedInCookie(ctx: BenchContext, teamId: string): Promise<string> {
  const email = `bench-${Date.now()}@example.com`;
  const password = "correct horse battery";
  const auth = await getAuth();
  const { user } = await auth.api.signUpEmail({ body: { name: "Bench", email, password }, headers: new Headers({ host: new URL(ctx.app.url).host }) });
  await pool().query("INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, 'admin')", [teamId, user.id]);
  const response = await fetch(`${ctx.app.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ctx.app.url, "x-forwarded-for": "10.9.8.7" },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return cookiesOf(response);
}

export const dashboard: Scenario = {
  name: "dashboard",
  title: "Dashboard pages (big fleet, long run history)",
  async run(ctx) {
    const workers = ctx.quick ? 1000 : 10_000;
    const runs = ctx.quick ? 10_000 : 100_000;
    const requests = ctx.quick ? 5 : 30;
    const team = await ctx.newTeam("dash");
    await seedTeam(ctx, team.teamId, workers, runs);
    const cookie = await signedInCookie(ctx, team.teamId);
    const figures: Record<string, number | null> = {};
    const checks: Check[] = [];
    for (const page of ["/workers", "/runs"]) {
      const times: number[] = [];
      let wrong = "";
      for (let i = 0; i <= requests; i++) {
        const started = performance.now();
        const response = await fetch(`${ctx.app.url}${page}`, { headers: { cookie }, redirect: "manual" });
        const body = await response.text();
        if (i > 0) times.push(performance.now() - started); // the first request warms the route up
        if (response.status !== 200 || !body.includes("dash-")) wrong = `${response.status}, ${body.length} bytes`;
      }
      const key = page.slice(1);
      figures[`${key}P50Ms`] = round(percentile(times, 50));
      figures[`${key}P95Ms`] = round(percentile(times, 95));
      checks.push({ name: `${page} renders the team's data`, ok: wrong === "", detail: wrong || "200 with seeded names" });
    }
    return {
      figures: { ...figures, workers, runs, requests },
      method: `${workers.toLocaleString("en")} workers and ${runs.toLocaleString("en")} runs (70% COMPLETED, 20% OPEN, 10% FAILED) seeded by SQL into one team; a signed-in admin requests each server-rendered page ${requests} times one after another (after one warm-up); time from request to the last byte of the HTML.`,
      checks,
    };
  },
};
