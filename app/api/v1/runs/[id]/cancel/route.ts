// POST /api/v1/runs/{id}/cancel — admin, scheduler: OPEN → CANCELED; LOCKED/RUNNING → abort requested.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { cancelRun } from "@/lib/server/runs/cancel-run";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.cancelRun, async ({ auth, params }) => ({ body: await cancelRun(auth, params.id) }));
