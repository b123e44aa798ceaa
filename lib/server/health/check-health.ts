import { pool } from "@/lib/db/pool";
import { version } from "@/package.json";

export async function checkHealth() {
  await pool().query("SELECT 1");
  return { status: "ok" as const, database: "ok" as const, version };
}
