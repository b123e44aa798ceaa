import type { Me } from "@/lib/contract/fleet";
import { prisma } from "@/lib/db/prisma";
import type { Principal } from "@/lib/server/auth/authenticate";

export async function describeCaller(principal: Principal): Promise<Me> {
  const team = await prisma().team.findUniqueOrThrow({ where: { id: principal.teamId }, select: { name: true } });
  return { teamId: principal.teamId, teamName: team.name, scope: principal.scope, workerId: principal.workerId };
}
