// GET  /api/v1/webhooks — admin: the team's webhook endpoints (never their secrets).
// POST /api/v1/webhooks — admin: add an endpoint; its signing secret is in this answer only.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { createWebhook, listWebhooks } from "@/lib/server/webhooks/manage-webhooks";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.listWebhooks, async ({ auth }) => ({ body: { items: await listWebhooks(auth.teamId) } }));

export const POST = apiRoute(api.createWebhook, async ({ auth, body }) => ({ status: 201, body: await createWebhook(auth, body) }));
