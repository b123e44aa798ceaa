// GET /api/v1/runs/{id} — any scope: one run with its event timeline.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { getRun } from "@/lib/server/runs/get-run";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.getRun, async ({ auth, params }) => ({ body: await getRun(auth.teamId, params.id) }));
