// Runs `prisma generate` offline. Generation does not use the schema engine, but the CLI
// tries to download it first; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file
// skips that download (see ENVIRONMENT notes in docs/development.md).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
