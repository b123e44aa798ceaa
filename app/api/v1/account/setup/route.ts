// POST /api/v1/account/setup — public, once: the first admin, proven by the install's admin token.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { setupFirstAdmin } from "@/lib/server/accounts/create-account";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.setup, async ({ body, request }) => {
  const headers = await setupFirstAdmin(body, request);
  return { status: 201, body: { ok: true as const }, headers };
});
