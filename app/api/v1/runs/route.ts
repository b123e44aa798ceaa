// POST /api/v1/runs — admin, scheduler: schedule a run (201), or replay an Idempotency-Key (200).
// GET  /api/v1/runs — any scope: list runs, newest first (a bound worker token: its worker's runs only).
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { listRuns } from "@/lib/server/runs/list-runs";
import { checkIdempotencyKey, scheduleRun } from "@/lib/server/runs/schedule-run";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.scheduleRun, async ({ auth, body, request }) => {
  const key = checkIdempotencyKey(request.headers.get("idempotency-key"));
  const { run, created } = await scheduleRun(auth, body, key);
  const headers: Record<string, string> = created ? {} : { "idempotent-replayed": "true" };
  return { status: created ? 201 : 200, body: run, headers };
});

export const GET = apiRoute(api.listRuns, async ({ auth, query }) => ({
  body: await listRuns({ ...query, teamId: auth.teamId, heldBy: auth.workerId }),
}));
