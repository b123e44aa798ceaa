// POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver — admin: send it again now (same delivery id).
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { redeliver } from "@/lib/server/webhooks/deliveries";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.redeliverWebhook, async ({ auth, params }) => ({ body: await redeliver(auth, params.id, params.deliveryId) }));
