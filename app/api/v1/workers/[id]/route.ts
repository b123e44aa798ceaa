// GET    /api/v1/workers/{id} — any scope: one worker of the caller's team.
// DELETE /api/v1/workers/{id} — admin: retire it (held runs are re-queued; the id can no longer claim).
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { getWorker } from "@/lib/server/workers/get-worker";
import { retireWorker } from "@/lib/server/workers/retire-worker";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.getWorker, async ({ auth, params }) => ({ body: await getWorker(auth.teamId, params.id) }));

export const DELETE = apiRoute(api.retireWorker, async ({ auth, params }) => ({
  body: await retireWorker(auth, params.id),
}));
