import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { MIGRATIONS_DIR, migrate } from "@/lib/db/migrate";
import { pool } from "@/lib/db/pool";

describe("the migration runner", () => {
  it("records every migration in _prisma_migrations with Prisma's sha256 checksum", async () => {
    const names = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const { rows } = await pool().query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies nothing a second time, even when several processes run it at once", async () => {
    const results = await Promise.all([migrate(inject("databaseUrl")), migrate(inject("databaseUrl"))]);
    expect(results.map((r) => r.applied)).toEqual([[], []]);
  });
});
