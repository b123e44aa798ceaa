// Finds the database for server-side admin commands (`runyard token create`): DATABASE_URL,
// else the embedded PostgreSQL in the data dir — the running one of `npm start`, or one
// started just for this command and stopped after it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

export type LocalDatabase = { url: string; close(): Promise<void> };

function runningEmbedded(dataDir: string): string | undefined {
  const pidFile = path.join(dataDir, "pg", "postmaster.pid");
  const passwordFile = path.join(dataDir, "pg-password");
  if (!existsSync(pidFile) || !existsSync(passwordFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pid), 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return undefined;
  }
  return `postgresql://postgres:${readFileSync(passwordFile, "utf8").trim()}@127.0.0.1:${Number(port)}/runyard`;
}

export async function openLocalDatabase(env: { DATABASE_URL?: string; RUNYARD_DATA_DIR: string }): Promise<LocalDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, close: async () => undefined };
  const running = runningEmbedded(env.RUNYARD_DATA_DIR);
  if (running) return { url: running, close: async () => undefined };
  const started = await startEmbeddedPostgres({ dataDir: env.RUNYARD_DATA_DIR });
  return { url: started.url, close: () => started.stop() };
}
