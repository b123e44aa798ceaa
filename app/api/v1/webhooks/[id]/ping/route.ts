// POST /api/v1/webhooks/{id}/ping — admin: queue a `ping` delivery to test the receiver.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { pingWebhook } from "@/lib/server/webhooks/deliveries";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.pingWebhook, async ({ auth, params }) => ({ status: 201, body: await pingWebhook(auth.teamId, params.id) }));
