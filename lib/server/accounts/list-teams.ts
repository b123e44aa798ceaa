import type { z } from "zod";
import type { TeamList } from "@/lib/contract/accounts";
import { prisma } from "@/lib/db/prisma";
import type { Principal } from "@/lib/server/auth/authenticate";
import { membershipsOf } from "@/lib/server/accounts/session-principal";

/** A user's teams (for the switcher); a token's one team. */
export async function listTeams(principal: Principal): Promise<z.infer<typeof TeamList>> {
  if (principal.userId) {
    const memberships = await membershipsOf(principal.userId);
    return { teams: memberships.map((m) => ({ id: m.teamId, name: m.teamName, role: m.role, current: m.teamId === principal.teamId })) };
  }
  const team = await prisma().team.findUniqueOrThrow({ where: { id: principal.teamId }, select: { name: true } });
  return { teams: [{ id: principal.teamId, name: team.name, role: null, current: true }] };
}
