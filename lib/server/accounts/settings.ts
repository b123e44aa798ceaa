// Install-wide settings kept in the database, so every app instance shares them.
import { randomBytes } from "node:crypto";
import { pool } from "@/lib/db/pool";

/** Reads a setting, creating it with `make()` the first time (first writer wins). */
export async function settingOrCreate(key: string, make: () => string): Promise<string> {
  const { rows } = await pool().query<{ value: string }>(
    `WITH ins AS (INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING value)
     SELECT value FROM ins UNION ALL SELECT value FROM app_settings WHERE key = $1 LIMIT 1`,
    [key, make()],
  );
  return rows[0]?.value ?? settingOrCreate(key, make);
}

/** The secret that signs dashboard session cookies: made at first use, same on every instance. */
export const authSecret = () => settingOrCreate("auth_secret", () => randomBytes(32).toString("hex"));
