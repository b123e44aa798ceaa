// POST /api/v1/runs/{id}/events — admin, worker: report RUNNING, progress, message, COMPLETED, FAILED, ABORTED.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { reportRun } from "@/lib/server/runs/report-run";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.reportRun, async ({ auth, params, body }) => ({ body: await reportRun(auth, params.id, body) }));
