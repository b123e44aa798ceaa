// GET /api/v1/match?runsOn=a&runsOn=b — any scope: which workers could take such a run, plus hints.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { matchWorkers } from "@/lib/server/matching/match-workers";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.match, async ({ auth, query }) => ({ body: await matchWorkers(auth.teamId, query.runsOn) }));
