// POST /api/v1/workers — admin: register a worker (201) or return the existing one (200).
// GET  /api/v1/workers — any scope: list the team's workers.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { listWorkers } from "@/lib/server/workers/list-workers";
import { registerWorker } from "@/lib/server/workers/register-worker";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.registerWorker, async ({ auth, body }) => {
  const { worker, created } = await registerWorker(auth, { name: body.name, labels: body.labels ?? [], maxConcurrency: body.maxConcurrency });
  return { status: created ? 201 : 200, body: worker };
});

export const GET = apiRoute(api.listWorkers, async ({ auth, query }) => ({
  body: await listWorkers({ ...query, teamId: auth.teamId }),
}));
