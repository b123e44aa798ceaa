// GET /api/v1/overview — any scope: the queue by label set, the fleet, and the last hour.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { getOverview } from "@/lib/server/overview/get-overview";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.overview, async ({ auth }) => ({ body: await getOverview(auth.teamId) }));
