// GET /api/v1/webhooks/{id}/deliveries — admin: the endpoint's deliveries, newest first.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { listDeliveries } from "@/lib/server/webhooks/deliveries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.listWebhookDeliveries, async ({ auth, params, query }) => ({ body: await listDeliveries(auth.teamId, params.id, query) }));
