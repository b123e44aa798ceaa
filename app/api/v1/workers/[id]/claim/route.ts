// POST /api/v1/workers/{id}/claim — admin, worker: up to `max` runs this worker may take; may wait (long-poll).
import { api } from "@/lib/contract/api";
import { claimRuns } from "@/lib/server/claims/claim-runs";
import { apiRoute } from "@/lib/server/http/api-route";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

export const POST = apiRoute(api.claimRuns, async ({ auth, params, body, request }) => ({
  body: await claimRuns({ principal: auth, workerId: params.id, max: body.max, waitSeconds: body.waitSeconds, signal: request.signal }),
}));
