// GET  /api/v1/tokens — admin: the team's tokens (never their secrets).
// POST /api/v1/tokens — admin: make a token; the secret is in this answer only.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { createApiToken, listTokens } from "@/lib/server/tokens/manage-tokens";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.listTokens, async ({ auth }) => ({ body: { items: await listTokens(auth.teamId) } }));

export const POST = apiRoute(api.createToken, async ({ auth, body }) => ({ status: 201, body: await createApiToken(auth, body) }));
