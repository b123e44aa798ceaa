// POST /api/v1/workers/{id}/heartbeat — admin, worker: extends leases; answers runs to abort and runs lost.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { heartbeat } from "@/lib/server/workers/heartbeat";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.heartbeat, async ({ auth, params, body }) => ({ body: await heartbeat(auth, params.id, body) }));
