// POST /api/v1/webhooks/{id}/rotate — admin: a new signing secret at once, in this answer only.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { rotateWebhookSecret } from "@/lib/server/webhooks/manage-webhooks";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.rotateWebhookSecret, async ({ auth, params }) => ({ body: await rotateWebhookSecret(auth, params.id) }));
