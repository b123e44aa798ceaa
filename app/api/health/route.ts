// GET /api/health — public. Answers 200 when the app can query its database, 503 otherwise.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { checkHealth } from "@/lib/server/health/check-health";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.health, async () => ({ body: await checkHealth() }));
