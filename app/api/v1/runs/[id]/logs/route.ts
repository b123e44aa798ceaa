// POST /api/v1/runs/{id}/logs — admin, worker: append lines of the current attempt.
// GET  /api/v1/runs/{id}/logs — any scope: read lines after a cursor.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { assertRunReadable } from "@/lib/server/runs/run-access";
import { appendLogs, readLogs } from "@/lib/server/runs/run-logs";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.appendLogs, async ({ auth, params, body }) => ({
  body: { appended: await appendLogs(auth, params.id, body) },
}));

export const GET = apiRoute(api.readLogs, async ({ auth, params, query }) => {
  await assertRunReadable(auth, params.id);
  return { body: await readLogs(auth.teamId, params.id, query.cursor, query.limit) };
});
