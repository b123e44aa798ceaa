// DELETE /api/v1/members/{userId} — admin: remove a member (a team keeps at least one admin).
// PATCH  /api/v1/members/{userId} — admin: change a member's role (same rule: 409 last_admin).
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { changeMemberRole, removeMember } from "@/lib/server/accounts/members";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(api.removeMember, async ({ auth, params }) => {
  await removeMember(auth, params.userId);
  return { body: { removed: true as const } };
});

export const PATCH = apiRoute(api.changeMemberRole, async ({ auth, params, body }) => ({ body: await changeMemberRole(auth, params.userId, body.role) }));
