// GET  /api/v1/members — admin, scheduler: members and open invitations.
// POST /api/v1/members — admin: add by email, or make an invitation link.
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { addMember, listMembers } from "@/lib/server/accounts/members";
import { publicOrigin } from "@/lib/server/http/public-origin";

export const dynamic = "force-dynamic";

export const GET = apiRoute(api.listMembers, async ({ auth }) => ({ body: await listMembers(auth.teamId) }));

export const POST = apiRoute(api.addMember, async ({ auth, body, request }) => ({
  body: await addMember(auth, body, publicOrigin(request.headers)),
}));
