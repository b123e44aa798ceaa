// POST /api/v1/runs/{id}/events — admin, worker: report RUNNING, progress, message, COMPLETED, FAILED, ABORTED;
// a final report may claim the worker's next run(s) in the same transaction (`next`).
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { reportRun } from "@/lib/server/runs/report-run";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

export const POST = apiRoute(api.reportRun, async ({ auth, params, body, request }) => ({ body: await reportRun(auth, params.id, body, request.signal) }));
