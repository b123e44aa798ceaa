// POST /api/v1/account/invite — public: accept an invitation (creates the account, joins the team).
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { acceptInvite } from "@/lib/server/accounts/create-account";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.acceptInvite, async ({ body, request }) => {
  const headers = await acceptInvite(body, request);
  return { status: 201, body: { ok: true as const }, headers };
});
