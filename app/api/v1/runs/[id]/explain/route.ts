// GET /api/v1/runs/{id}/explain — any scope: why the run is (not) being picked up.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { explainRun } from "@/lib/server/matching/explain-run";
import { assertRunReadable } from "@/lib/server/runs/run-access";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.explainRun, async ({ auth, params }) => {
  await assertRunReadable(auth, params.id);
  return { body: await explainRun(auth.teamId, params.id) };
});
