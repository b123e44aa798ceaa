// POST /api/v1/workers/default — admin, worker: a default worker that is not online, or a new one (SPEC §2).
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { defaultWorker } from "@/lib/server/workers/default-worker";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.defaultWorker, async ({ auth, body }) => {
  const { worker, created } = await defaultWorker(auth, body);
  return { status: created ? 201 : 200, body: worker };
});
