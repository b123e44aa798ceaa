// GET    /api/v1/webhooks/{id} — admin: one endpoint with its delivery counts.
// DELETE /api/v1/webhooks/{id} — admin: delete it and its deliveries.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { deleteWebhook, getWebhook } from "@/lib/server/webhooks/manage-webhooks";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.getWebhook, async ({ auth, params }) => ({ body: await getWebhook(auth.teamId, params.id) }));

export const DELETE = apiRoute(api.deleteWebhook, async ({ auth, params }) => ({ body: await deleteWebhook(auth, params.id) }));
