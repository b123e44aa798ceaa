// `npm run db:migrate`: apply migrations to DATABASE_URL, or to the embedded database.
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { parseEnv } from "@/lib/env";

async function main() {
  const env = parseEnv();
  const embedded = env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: env.RUNYARD_DATA_DIR });
  try {
    const { applied, alreadyApplied } = await migrate(env.DATABASE_URL ?? embedded!.url);
    console.log(`[runyard] ${applied.length} migration(s) applied, ${alreadyApplied} already applied`);
    for (const name of applied) console.log(`  ${name}`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(`[runyard] error: ${(error as Error).message}`);
  process.exit(1);
});
