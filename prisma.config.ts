// Prisma CLI configuration. The app itself never reads this: it builds its client from
// lib/env.ts. DATABASE_URL here only matters for `prisma migrate deploy` where it can run.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/runyard" },
});
