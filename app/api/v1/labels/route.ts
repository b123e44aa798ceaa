// GET /api/v1/labels — any scope: labels in use, for autocomplete.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { listLabels } from "@/lib/server/matching/list-labels";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.labels, async ({ auth }) => ({ body: await listLabels(auth.teamId) }));
