// GET /metrics — metrics (or admin) token: the caller's team in the Prometheus text format.
// Outside /api by convention (Prometheus scrapes /metrics), through the same wrapper: bearer
// token, scope check, problem+json 401/403.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { scrapeMetrics } from "@/lib/server/metrics/scrape-metrics";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.metrics, async ({ auth }) => ({ body: await scrapeMetrics(auth.teamId) }));
