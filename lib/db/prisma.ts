// The process's one Prisma client, over the shared pg pool (lib/db/pool.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { pool } from "@/lib/db/pool";

const cache = globalThis as unknown as { runyardPrisma?: PrismaClient };

export function prisma(): PrismaClient {
  cache.runyardPrisma ??= new PrismaClient({ adapter: new PrismaPg(pool()) });
  return cache.runyardPrisma;
}

export async function disconnectPrisma(): Promise<void> {
  const existing = cache.runyardPrisma;
  cache.runyardPrisma = undefined;
  await existing?.$disconnect();
}
