// POST /api/v1/account/invite/join — the signed-in dashboard user accepts an invitation made for
// their email (their consent to join). The answer makes the joined team this browser's current one.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { joinWithInvite } from "@/lib/server/accounts/members";
import { requireSessionUser, teamCookie } from "@/lib/server/accounts/session-principal";
import { isSecureOrigin } from "@/lib/server/http/public-origin";

export const dynamic = "force-dynamic";

export const POST = apiRoute(api.joinTeam, async ({ body, request }) => {
  const user = await requireSessionUser(request);
  const joined = await joinWithInvite(user, body.token);
  return { body: joined, headers: { "set-cookie": teamCookie(joined.teamId, isSecureOrigin(request.headers)) } };
});
