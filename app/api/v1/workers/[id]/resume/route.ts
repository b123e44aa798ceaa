// POST /api/v1/workers/{id}/resume — admin: a drained worker gets runs again.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { setDraining } from "@/lib/server/workers/set-draining";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.resumeWorker, async ({ auth, params }) => ({ body: await setDraining(auth, params.id, false) }));
