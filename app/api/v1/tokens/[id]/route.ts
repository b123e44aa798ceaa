// DELETE /api/v1/tokens/{id} — admin: revoke a token at once.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { revokeToken } from "@/lib/server/tokens/manage-tokens";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(api.revokeToken, async ({ auth, params }) => ({ body: await revokeToken(auth, params.id) }));
