// POST /api/v1/workers/{id}/reports — admin, worker: many reports in one transaction, each fenced by its own lease token.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { reportRuns } from "@/lib/server/runs/report-run";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

export const POST = apiRoute(api.reportRuns, async ({ auth, params, body, request }) => ({ body: await reportRuns(auth, params.id, body, request.signal) }));
