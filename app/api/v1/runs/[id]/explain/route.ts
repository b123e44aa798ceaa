// GET /api/v1/runs/{id}/explain — any scope: why the run is (not) being picked up.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { explainRun } from "@/lib/server/matching/explain-run";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.explainRun, async ({ auth, params }) => ({ body: await explainRun(auth.teamId, params.id) }));
