// GET /api/v1/workers/{id} — any scope: one worker of the caller's team.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { getWorker } from "@/lib/server/workers/get-worker";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.getWorker, async ({ auth, params }) => ({ body: await getWorker(auth.teamId, params.id) }));
