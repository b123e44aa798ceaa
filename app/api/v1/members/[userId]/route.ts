// DELETE /api/v1/members/{userId} — admin: remove a member (a team keeps at least one admin).
import { api } from "@/lib/contract/api";
import { apiRoute } from "@/lib/server/http/api-route";
import { removeMember } from "@/lib/server/accounts/members";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(api.removeMember, async ({ auth, params }) => {
  await removeMember(auth, params.userId);
  return { body: { removed: true as const } };
});
