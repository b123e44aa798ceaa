// GET /api/v1/runs/{id} — any scope: one run with its event timeline (a bound worker token: its worker's runs only).
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { getRun } from "@/lib/server/runs/get-run";
import { assertRunReadable } from "@/lib/server/runs/run-access";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.getRun, async ({ auth, params }) => {
  await assertRunReadable(auth, params.id);
  return { body: await getRun(auth.teamId, params.id) };
});
